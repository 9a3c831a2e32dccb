import type { TestingAppOptions, WorkerAppBuilder } from '../app/worker-app-builder';
import type { StateMachineRun } from './state-machine-run';
import { startWorkerEnvironment, type ExecuteOptions } from './worker-environment';

/**
 * The execution part of {@link RunStateMachineOptions}.
 *
 * @public
 */
export interface StateMachineExecution extends ExecuteOptions {
  /**
   * Amazon States Language definition, as an object or JSON text. A Task
   * state whose `Resource` is `activity:<workerName>` runs that worker.
   */
  readonly definition: object | string;
  /** Execution input: a value sent as JSON, or JSON text. @defaultValue {} */
  readonly input?: unknown;
}

/**
 * Options of {@link runStateMachine}: the workers, providers, stores and
 * config of a testing app, or under `app` a builder carrying overrides, plus
 * the execution.
 *
 * @public
 */
export type RunStateMachineOptions = (TestingAppOptions & StateMachineExecution) | ({ readonly app: WorkerAppBuilder } & StateMachineExecution);

/**
 * Runs one state machine execution against Local States and the real
 * `WorkerApplication`, and returns its status, output, error and history.
 * Local States and the application are started for this run and stopped
 * before it returns or throws.
 *
 * @example
 * ```ts
 * const run = await runStateMachine({
 *   workers: [GreetWorker],
 *   definition: { StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: 'activity:greet', End: true } } },
 *   input: { name: 'Ada' },
 * });
 * expect(run.status).toBe('SUCCEEDED');
 * ```
 *
 * @throws {@link ExecutionTimeoutError} when the execution runs longer than `timeoutMs`.
 * @public
 */
export async function runStateMachine(options: RunStateMachineOptions): Promise<StateMachineRun> {
  const environment = await startWorkerEnvironment('app' in options ? options.app : options);

  try {
    return await environment.execute(options.definition, options.input, { timeoutMs: options.timeoutMs });
  } finally {
    await environment.close();
  }
}
