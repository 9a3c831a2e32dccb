import { randomBytes, randomUUID } from 'node:crypto';

import { loadWorkerConfig, WorkerApplication, type WorkerConfigOptions } from '@bevault-workers/core';
import { StatesLocal, type HistoryEvent, type StatesLocalLogger } from '@bevault-workers/states-local';
import type { Logger } from 'winston';

import { WorkerAppBuilder, type TestingAppOptions } from '../app/worker-app-builder';
import type { CapturedLogs } from '../logging/captured-logs';
import { createCapturingLogger } from '../logging/create-capturing-logger';
import { buildTestStores, type TestStores } from '../stores/build-test-stores';
import { substituteActivityArns } from './activity-placeholders';
import { ExecutionTimeoutError } from './execution-timeout-error';
import type { StateMachineRun } from './state-machine-run';

/**
 * Source of a worker environment's workers: the options of a testing app,
 * or a builder carrying provider and store overrides.
 *
 * @public
 */
export type WorkerEnvironmentSource = TestingAppOptions | WorkerAppBuilder;

/**
 * Options of {@link WorkerEnvironment.execute}.
 *
 * @public
 */
export interface ExecuteOptions {
  /**
   * How long the execution may run, in milliseconds.
   * @defaultValue 30000
   */
  readonly timeoutMs?: number;
}

/** Time Local States keeps an empty GetActivityTask open, in milliseconds: short, so that shutdowns are quick. */
const pollHoldMs = 1_000;

/** Default of {@link ExecuteOptions.timeoutMs}, in milliseconds. */
const defaultTimeoutMs = 30_000;

/**
 * Local States on a free loopback port, with the real `WorkerApplication`
 * polling it over HTTP (real AWS SDK client, real SigV4 signatures), for
 * integration tests of whole state machines. Start one with
 * {@link startWorkerEnvironment}; close it in `finally`, with `await using`,
 * or with `closeAfterEach`.
 *
 * @public
 */
export class WorkerEnvironment {
  private closing: Promise<void> | undefined;
  private machines = 0;

  /** @internal */
  constructor(
    /** The Local States endpoint, for counters, faults and direct task queues. */
    readonly states: StatesLocal,
    /** The running worker application. */
    readonly app: WorkerApplication,
    /** Log entries of the application, its tasks and Local States (info and above). */
    readonly logs: CapturedLogs,
    private readonly stores: TestStores,
  ) {}

  /** The activity ARN of each worker, by worker name. */
  get activityArns(): ReadonlyMap<string, string> {
    return this.app.activityArns;
  }

  /**
   * Creates a state machine from `definition`, with every
   * `"Resource": "activity:<workerName>"` replaced by that worker's activity
   * ARN, runs one execution with `input`, and returns how it ended.
   *
   * @param input - Execution input: a value sent as JSON, or JSON text. @defaultValue {}
   * @throws {@link ExecutionTimeoutError} when the execution is still running after `timeoutMs`; it is then stopped.
   */
  async execute(definition: object | string, input: unknown = {}, options: ExecuteOptions = {}): Promise<StateMachineRun> {
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.machines += 1;

    const stateMachineArn = await this.states.createStateMachine(`testing-${this.machines}-${randomUUID().slice(0, 8)}`, substituteActivityArns(definition, this.activityArns));
    const executionArn = this.states.startExecution(stateMachineArn, input);

    try {
      await this.states.awaitExecution(executionArn, timeoutMs);
    } catch (error) {
      if (this.states.describeExecution(executionArn).status !== 'RUNNING') {
        throw error;
      }

      const history = this.states.executionHistory(executionArn);
      this.states.stopExecution(executionArn, { error: 'Testing.Timeout', cause: `Stopped by the test after ${timeoutMs} ms.` });
      throw new ExecutionTimeoutError(executionArn, timeoutMs, history, { cause: error });
    }

    return this.describeRun(executionArn);
  }

  /**
   * Stops the application at once (running tasks are answered
   * `Worker.ShuttingDown`), then Local States, then closes the stores and
   * deletes temporary folders. Every step runs even when an earlier one
   * fails. Repeated calls share one close.
   */
  close(): Promise<void> {
    this.closing ??= closeInOrder([() => this.app.close({ immediate: true }), () => this.states.stop(), () => this.stores.dispose()]);
    return this.closing;
  }

  /** Closes the environment, for `await using env = await startWorkerEnvironment(...)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private describeRun(executionArn: string): StateMachineRun {
    const description = this.states.describeExecution(executionArn);
    const history: HistoryEvent[] = this.states.executionHistory(executionArn);

    return {
      executionArn,
      status: description.status,
      output: description.output === undefined ? undefined : (JSON.parse(description.output) as unknown),
      rawOutput: description.output,
      error: description.error,
      cause: description.cause,
      history,
      logs: this.logs,
    };
  }
}

/**
 * Starts Local States on a free port and a `WorkerApplication` polling it,
 * and resolves once every worker polls. The application gets static test
 * credentials, short timeouts, and the providers, stores and overrides of
 * `source`. Like the testing app, it reads neither the environment nor `.env`.
 *
 * @throws the errors of `WorkerApplication.create()` and `listen()`; whatever
 *   was started is stopped first.
 * @public
 */
export async function startWorkerEnvironment(source: WorkerEnvironmentSource): Promise<WorkerEnvironment> {
  const resolved = (source instanceof WorkerAppBuilder ? source : new WorkerAppBuilder(source)).resolve();
  const credentials = { accessKeyId: 'AKIDBEVAULTTESTING', secretAccessKey: randomBytes(24).toString('hex') };
  const region = resolved.config.region ?? 'us-east-1';
  const settings: WorkerConfigOptions = {
    shutdownGraceSeconds: 2,
    requestTimeoutSeconds: 5,
    pollRequestTimeoutSeconds: 10,
    loggingConfigPath: false,
    ...resolved.config,
    region,
    credentials,
    storeSync: { enabled: false },
  };
  const { logger, logs } = createCapturingLogger(loadWorkerConfig({ env: {}, envFile: false, overrides: settings }), resolved.logLevel);
  const states = await StatesLocal.start({ pollHoldMs, credentials, region, logger: statesLogger(logger) });
  const config: WorkerConfigOptions = { ...settings, serviceUrl: states.url };

  let stores: TestStores | undefined;
  let app: WorkerApplication | undefined;

  try {
    stores = buildTestStores(resolved.storeEntries, resolved.storeOverrides, logger);
    app = await WorkerApplication.create({
      workers: resolved.workers,
      providers: resolved.providers,
      stores: stores.registry,
      config,
      env: {},
      envFile: false,
      logger,
      handleSignals: false,
    });
    await app.listen();

    return new WorkerEnvironment(states, app, logs, stores);
  } catch (error) {
    const startedApp = app;
    const startedStores = stores;
    await closeInOrder([() => startedApp?.close({ immediate: true }), () => states.stop(), () => startedStores?.dispose()]).catch(() => undefined);
    throw error;
  }
}

/** Runs every step in order, even after a failure, and rethrows the first failure. */
async function closeInOrder(steps: ReadonlyArray<() => Promise<void> | undefined>): Promise<void> {
  let firstError: unknown;
  let failed = false;

  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      if (!failed) {
        firstError = error;
        failed = true;
      }
    }
  }

  if (failed) {
    throw firstError;
  }
}

/** Forwards the entries of Local States, except its per-request debug entries, with `source: 'states-local'`. */
function statesLogger(logger: Logger): StatesLocalLogger {
  const child = logger.child({ source: 'states-local' });

  return {
    debug: () => undefined,
    info: (message, meta) => child.info(message, meta),
    warn: (message, meta) => child.warn(message, meta),
    error: (message, meta) => child.error(message, meta),
  };
}
