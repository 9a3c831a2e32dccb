import type { TaskAnswer } from './task-answer';
import type { TaskContext } from './task-context';

/**
 * Turns one task's raw input into its answer: parse the JSON, transform and
 * validate it into the worker's input DTO, resolve the handler from the
 * container, run it, and map its result or error to a {@link TaskAnswer}.
 *
 * Never rejects: every outcome, including a handler that throws a non-Error or
 * returns an unserializable value, becomes an answer. Both the network poller
 * and the testing app run tasks through this one contract.
 *
 * @internal
 */
export interface TaskPipeline {
  /** Activity name as declared with `@Worker`. */
  readonly workerName: string;

  /** Runs the task to its answer. `rawInput` is the task input exactly as the service sent it. */
  run(rawInput: string, context: TaskContext): Promise<TaskAnswer>;
}
