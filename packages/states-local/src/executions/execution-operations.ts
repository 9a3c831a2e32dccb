import { optionalString, requireString, type RequestBody } from '../protocol/fields';
import { Limits } from '../protocol/limits';
import { paginate } from '../protocol/pagination';
import { ServiceError } from '../protocol/service-error';
import { toEpochSeconds } from '../protocol/timestamps';
import type { OperationTable } from '../server/operation';
import type { Execution, ExecutionStatus } from './execution';
import type { ExecutionService } from './execution-service';
import type { StateMachineRecord } from './state-machine-registry';

const EXECUTION_STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** Largest definition CreateStateMachine accepts, in characters. */
const MAX_DEFINITION_LENGTH = 1_048_576;

/** Wire handlers of the state machine and execution operations. */
export function executionOperations(service: ExecutionService): OperationTable {
  const arnField = (body: RequestBody, field: string) => requireString(body, field, { maxLength: Limits.arnLength });

  return {
    CreateStateMachine: async (body) => {
      const machine = await service.stateMachines.create({
        name: requireString(body, 'name'),
        definition: requireString(body, 'definition', { maxLength: MAX_DEFINITION_LENGTH }),
        roleArn: arnField(body, 'roleArn'),
        type: optionalString(body, 'type'),
      });

      return { stateMachineArn: machine.arn, creationDate: toEpochSeconds(machine.creationDate) };
    },

    DescribeStateMachine: (body) => describeStateMachine(service.stateMachines.get(arnField(body, 'stateMachineArn'))),

    ListStateMachines: (body) => {
      const page = paginate(service.stateMachines.list(), body);

      return {
        stateMachines: page.items.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
          creationDate: toEpochSeconds(machine.creationDate),
        })),
        nextToken: page.nextToken,
      };
    },

    DeleteStateMachine: (body) => {
      service.stateMachines.delete(arnField(body, 'stateMachineArn'));

      return {};
    },

    StartExecution: (body) => {
      const execution = service.startExecution({
        stateMachineArn: arnField(body, 'stateMachineArn'),
        name: optionalString(body, 'name'),
        input: optionalString(body, 'input', { minLength: 0, maxLength: Limits.payloadBytes }),
      });

      return { executionArn: execution.arn, startDate: toEpochSeconds(execution.startDate) };
    },

    DescribeExecution: (body) => describeExecution(service.getExecution(arnField(body, 'executionArn'))),

    StopExecution: (body) => {
      const execution = service.stopExecution(
        arnField(body, 'executionArn'),
        optionalString(body, 'error', { minLength: 0, maxLength: Limits.errorLength }),
        optionalString(body, 'cause', { minLength: 0, maxLength: Limits.causeLength }),
      );

      return { stopDate: toEpochSeconds(execution.stopDate ?? new Date()) };
    },

    ListExecutions: (body) => {
      const statusFilter = optionalString(body, 'statusFilter') as ExecutionStatus | undefined;

      if (statusFilter !== undefined && !EXECUTION_STATUSES.includes(statusFilter)) {
        throw new ServiceError(
          'ValidationException',
          `1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${EXECUTION_STATUSES.join(', ')}]`,
        );
      }

      const page = paginate(service.listExecutions(arnField(body, 'stateMachineArn'), statusFilter), body);

      return { executions: page.items.map(summarizeExecution), nextToken: page.nextToken };
    },

    GetExecutionHistory: (body) => {
      const execution = service.getExecution(arnField(body, 'executionArn'));
      const events = execution.history.list(body.includeExecutionData !== false);
      const ordered = body.reverseOrder === true ? [...events].reverse() : events;
      const page = paginate(ordered, body);

      return { events: page.items, nextToken: page.nextToken };
    },
  };
}

function describeStateMachine(machine: StateMachineRecord): object {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: toEpochSeconds(machine.creationDate),
  };
}

function summarizeExecution(execution: Execution): object {
  return {
    executionArn: execution.arn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: toEpochSeconds(execution.startDate),
    stopDate: execution.stopDate === undefined ? undefined : toEpochSeconds(execution.stopDate),
  };
}

function describeExecution(execution: Execution): object {
  return {
    ...summarizeExecution(execution),
    input: execution.input,
    inputDetails: { included: true },
    output: execution.output,
    outputDetails: execution.output === undefined ? undefined : { included: true },
    error: execution.error,
    cause: execution.cause,
  };
}
