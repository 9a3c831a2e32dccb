import type { Constructor } from './constructor';
import type { WorkerOptions } from './worker-options';

/**
 * A worker class with its checked `@Worker` and `@Input` metadata.
 *
 * @public
 */
export interface WorkerDefinition {
  readonly workerClass: Constructor<WorkerHandlerInstance>;
  /** Activity name from `@Worker`, without the environment prefix. */
  readonly name: string;
  readonly options: WorkerOptions;
  /** Class from `@Input`; undefined when the handler receives the parsed JSON. */
  readonly inputClass: Constructor<object> | undefined;
}

/**
 * What every worker instance provides: the method that runs one task.
 *
 * @internal
 */
export interface WorkerHandlerInstance {
  handle(input: unknown, task: unknown): unknown;
}
