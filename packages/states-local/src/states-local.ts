import { activityOperations } from './activities/activity-operations';
import { ActivityService } from './activities/activity-service';
import type { TaskListener } from './activities/activity-task';
import type { ActivityCounters } from './activities/counters';
import type { TaskOutcome, TaskTimeouts } from './activities/task-outcome';
import { RequestAuthenticator } from './auth/request-authenticator';
import type { Execution } from './executions/execution';
import type { HistoryEvent } from './executions/execution-history';
import { executionOperations } from './executions/execution-operations';
import { ExecutionService } from './executions/execution-service';
import type { CreateStateMachineOptions, ExecutionDescription, StartExecutionOptions, StopExecutionOptions } from './executions/execution-types';
import { FaultInjector } from './faults/fault-injector';
import { resolveOptions, type ResolvedOptions, type StatesLocalOptions } from './options';
import { checkJsonPayload } from './protocol/fields';
import { StatesHttpServer } from './server/http-server';
import { StoreSync } from './store-sync/store-sync';
import { storeSyncOperations } from './store-sync/store-sync-operations';
import { StoreSyncService } from './store-sync/store-sync-service';

/**
 * A task queued with {@link StatesLocal.enqueueTask}.
 *
 * @public
 */
export interface EnqueuedTask {
  /** Token a worker receives from GetActivityTask and sends back with its result. */
  readonly taskToken: string;
  /** Settles when the task ends, however it ends; never rejects. */
  readonly outcome: Promise<TaskOutcome>;
}

/**
 * Local States: a Step Functions-compatible endpoint (AWS JSON 1.0 over
 * HTTP) serving activities and running state machines, for tests, examples
 * and benchmarks.
 *
 * @example
 * ```ts
 * const states = await StatesLocal.start({ pollHoldMs: 2_000 });
 * const task = states.enqueueTask('resize', { width: 10 });
 * // point a worker at states.url ...
 * console.log(await task.outcome);
 * await states.stop();
 * ```
 *
 * @public
 */
export class StatesLocal {
  /** Faults injected into requests; see {@link FaultInjector}. */
  readonly faults: FaultInjector;

  /** The beVault store-sync extension, seen from the States side; see {@link StoreSync}. */
  readonly storeSync: StoreSync;

  /** Base URL to give an SDK client as its endpoint, e.g. `http://127.0.0.1:4583`. */
  readonly url: string;

  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly options: ResolvedOptions,
    private readonly server: StatesHttpServer,
    private readonly activities: ActivityService,
    private readonly executions: ExecutionService,
    private readonly storeSyncService: StoreSyncService,
    faults: FaultInjector,
  ) {
    this.faults = faults;
    this.storeSync = new StoreSync(storeSyncService);
    this.url = server.url;
  }

  /**
   * Starts an endpoint and resolves once it listens.
   *
   * @throws TypeError when an option is invalid.
   */
  static async start(options: StatesLocalOptions = {}): Promise<StatesLocal> {
    const resolved = resolveOptions(options);
    const scope = { region: resolved.region, accountId: resolved.accountId };
    const activities = new ActivityService({ scope, pollHoldMs: resolved.pollHoldMs, deliverToClosedPolls: resolved.deliverToClosedPolls, logger: resolved.logger });
    const executions = new ExecutionService({ scope, activities, logger: resolved.logger });
    const storeSync = new StoreSyncService({ pollHoldMs: resolved.pollHoldMs, logger: resolved.logger });
    const faults = new FaultInjector();
    const authenticator = resolved.credentials === undefined ? undefined : new RequestAuthenticator(resolved.credentials, resolved.region);

    const server = await StatesHttpServer.listen({
      host: resolved.host,
      port: resolved.port,
      logger: resolved.logger,
      faults,
      operations: { ...activityOperations(activities), ...executionOperations(executions), ...storeSyncOperations(storeSync) },
      onRequest: (operation) => activities.countRequest(operation),
      authenticate: authenticator === undefined ? undefined : (request, body) => authenticator.verify(request, body),
    });

    resolved.logger.info('Local States started', {
      url: server.url,
      region: resolved.region,
      accountId: resolved.accountId,
      verifiesSignatures: authenticator !== undefined,
    });

    return new StatesLocal(resolved, server, activities, executions, storeSync, faults);
  }

  /** Region used in ARNs. */
  get region(): string {
    return this.options.region;
  }

  /** Account id used in ARNs. */
  get accountId(): string {
    return this.options.accountId;
  }

  /** Builds the ARN of an activity name, whether or not it exists. */
  activityArn(name: string): string {
    return this.activities.activityArn(name);
  }

  /**
   * Creates an activity, or finds the existing one of that name, and
   * returns its ARN.
   *
   * @throws ServiceError `InvalidName` or `ValidationException` for a name Step Functions rejects.
   */
  createActivity(name: string): string {
    return this.activities.createActivity(name).arn;
  }

  /**
   * Deletes an activity, as DeleteActivity does: its tasks end `stopped`
   * and its held polls end without a task.
   */
  deleteActivity(activityNameOrArn: string): void {
    this.activities.deleteActivity(activityNameOrArn.startsWith('arn:') ? activityNameOrArn : this.activityArn(activityNameOrArn));
  }

  /**
   * Queues a task on an activity, as a Task state would. A name that has
   * no activity yet creates it.
   *
   * @param activityNameOrArn - Activity name or ARN.
   * @param input - Task input: a value serialized to JSON, or JSON text.
   * @param timeouts - TimeoutSeconds and HeartbeatSeconds of the task; fractions of a second are allowed here.
   * @param listener - Callbacks on the task's delivery and on each heartbeat it receives.
   * @throws ServiceError `ValidationException` when the input exceeds 262,144 bytes, `InvalidExecutionInput` when a string is not JSON.
   */
  enqueueTask(activityNameOrArn: string, input: unknown, timeouts: TaskTimeouts = {}, listener: TaskListener = {}): EnqueuedTask {
    const activity = activityNameOrArn.startsWith('arn:')
      ? this.activities.resolveActivity(activityNameOrArn)
      : this.activities.createActivity(activityNameOrArn);
    const inputText = typeof input === 'string' ? input : JSON.stringify(input ?? {});

    checkJsonPayload(inputText, 'input', 'InvalidExecutionInput');
    checkTimeouts(timeouts);

    const task = this.activities.enqueueTask(activity, inputText, timeouts, listener);

    return { taskToken: task.token, outcome: task.outcome };
  }

  /**
   * Reads the counters of one activity (by name or ARN), or of the whole
   * endpoint when none is given. Counters of a deleted activity remain.
   */
  counters(activityNameOrArn?: string): ActivityCounters {
    if (activityNameOrArn === undefined) {
      return this.activities.counters();
    }

    const arn = activityNameOrArn.startsWith('arn:') ? activityNameOrArn : this.activityArn(activityNameOrArn);

    return this.activities.counters(arn);
  }

  /**
   * Creates a state machine from an Amazon States Language definition and
   * returns its ARN; idempotent for the same definition.
   *
   * @param definition - The definition as an object or JSON text.
   * @throws ServiceError `InvalidDefinition`, `InvalidName` or `StateMachineAlreadyExists`.
   */
  async createStateMachine(name: string, definition: object | string, options: CreateStateMachineOptions = {}): Promise<string> {
    const machine = await this.executions.stateMachines.create({
      name,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
      roleArn: options.roleArn ?? `arn:aws:iam::${this.accountId}:role/states-local`,
    });

    return machine.arn;
  }

  /**
   * Starts an execution of a state machine (by name or ARN) and returns its ARN.
   *
   * @param input - Execution input: a value serialized to JSON, or JSON text. @default {}
   * @throws ServiceError `StateMachineDoesNotExist`, `InvalidExecutionInput` or `ExecutionAlreadyExists`.
   */
  startExecution(stateMachineNameOrArn: string, input: unknown = {}, options: StartExecutionOptions = {}): string {
    const machine = this.executions.stateMachines.resolve(stateMachineNameOrArn);
    const execution = this.executions.startExecution({
      stateMachineArn: machine.arn,
      name: options.name,
      input: typeof input === 'string' ? input : JSON.stringify(input),
    });

    return execution.arn;
  }

  /**
   * Describes an execution as DescribeExecution does.
   *
   * @throws ServiceError `ExecutionDoesNotExist` or `InvalidArn`.
   */
  describeExecution(executionArn: string): ExecutionDescription {
    return describe(this.executions.getExecution(executionArn));
  }

  /**
   * Waits for an execution to end and describes it.
   *
   * @param timeoutMs - How long to wait, in milliseconds. @default 30000
   * @throws Error when the execution is still running after `timeoutMs`.
   */
  async awaitExecution(executionArn: string, timeoutMs = 30_000): Promise<ExecutionDescription> {
    const execution = this.executions.getExecution(executionArn);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), timeoutMs);
    });

    try {
      if ((await Promise.race([execution.done, timedOut])) === 'timed-out') {
        throw new Error(`Execution '${executionArn}' was still ${execution.status} after ${timeoutMs} ms; complete its activity tasks or raise timeoutMs.`);
      }
    } finally {
      clearTimeout(timer);
    }

    return describe(execution);
  }

  /**
   * Stops a running execution as StopExecution does: it ends ABORTED and
   * its running activity tasks end, so a worker's next call gets `TaskTimedOut`.
   */
  stopExecution(executionArn: string, options: StopExecutionOptions = {}): void {
    this.executions.stopExecution(executionArn, options.error, options.cause);
  }

  /** Returns the events GetExecutionHistory would return, oldest first. */
  executionHistory(executionArn: string): HistoryEvent[] {
    return [...this.executions.getExecution(executionArn).history.list(true)];
  }

  /**
   * Aborts running executions, ends every held poll (activity and
   * store-sync) empty, stops every live
   * task (outcome `stopped`) and closes the server. Repeated calls share
   * one shutdown.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.executions.shutdown();
      this.activities.shutdown();
      this.storeSyncService.shutdown();
      await this.server.close();
      this.options.logger.info('Local States stopped', { url: this.url });
    })();

    return this.stopping;
  }
}

function describe(execution: Execution): ExecutionDescription {
  return {
    executionArn: execution.arn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate,
    stopDate: execution.stopDate,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
  };
}

function checkTimeouts(timeouts: TaskTimeouts): void {
  for (const key of ['timeoutSeconds', 'heartbeatSeconds'] as const) {
    const value = timeouts[key];

    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`Task option '${key}' must be a number of seconds > 0, got ${value}.`);
    }
  }
}
