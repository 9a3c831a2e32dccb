import { randomUUID } from 'node:crypto';

import type { ActivityService } from '../activities/activity-service';
import type { StatesLocalLogger } from '../logging/logger';
import { buildArn, parseArn, type ArnScope } from '../protocol/arns';
import { checkJsonPayload } from '../protocol/fields';
import { checkResourceName } from '../protocol/names';
import { ServiceError } from '../protocol/service-error';
import { Execution, type ExecutionStatus } from './execution';
import { finishExecution, runExecution } from './execution-runner';
import { StateMachineRegistry } from './state-machine-registry';

/** Settings of the execution service. */
export interface ExecutionServiceSettings {
  scope: ArnScope;
  activities: ActivityService;
  logger: StatesLocalLogger;
}

/** Fields of StartExecution. */
export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

/** State machines and their executions. */
export class ExecutionService {
  readonly stateMachines: StateMachineRegistry;

  private readonly executions = new Map<string, Execution>();

  constructor(private readonly settings: ExecutionServiceSettings) {
    this.stateMachines = new StateMachineRegistry(settings.scope);
  }

  /**
   * Starts an execution. Starting one again with the same name and input
   * while it runs returns it; otherwise a reused name is `ExecutionAlreadyExists`.
   */
  startExecution(request: StartExecutionInput): Execution {
    const machine = this.stateMachines.get(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    const input = request.input ?? '{}';

    checkResourceName(name);
    checkJsonPayload(input, 'input', 'InvalidExecutionInput');

    const arn = buildArn(this.settings.scope, 'execution', `${machine.name}:${name}`);
    const existing = this.executions.get(arn);

    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.input === input) {
        return existing;
      }

      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }

    const execution = new Execution(arn, name, machine.arn, input);
    this.executions.set(arn, execution);
    this.settings.logger.info('Execution started', { executionArn: arn });

    runExecution(execution, machine, this.settings).catch((error: unknown) => {
      this.settings.logger.error('Execution failed inside Local States', { executionArn: arn, error });
      finishExecution(execution, { status: 'FAILED', error: 'States.Runtime', cause: (error as Error).message }, this.settings);
    });

    return execution;
  }

  /** Finds an execution, throwing `InvalidArn` or `ExecutionDoesNotExist`. */
  getExecution(arn: string): Execution {
    parseArn(arn, 'execution', 'executionArn');

    const execution = this.executions.get(arn);

    if (execution === undefined) {
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    }

    return execution;
  }

  /** Executions of a state machine, newest first, optionally of one status. */
  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): Execution[] {
    this.stateMachines.get(stateMachineArn);

    return [...this.executions.values()]
      .filter((execution) => execution.stateMachineArn === stateMachineArn && (statusFilter === undefined || execution.status === statusFilter))
      .reverse();
  }

  /**
   * Stops a running execution: it ends as ABORTED and its activity tasks
   * stop, so the worker's next heartbeat or result gets `TaskTimedOut`.
   */
  stopExecution(arn: string, error?: string, cause?: string): Execution {
    const execution = this.getExecution(arn);

    finishExecution(execution, { status: 'ABORTED', error, cause }, this.settings);

    return execution;
  }

  /** Aborts every running execution. */
  shutdown(): void {
    for (const execution of this.executions.values()) {
      finishExecution(execution, { status: 'ABORTED', error: 'States.Runtime', cause: 'Local States stopped.' }, this.settings);
    }
  }
}
