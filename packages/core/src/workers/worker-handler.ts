import type { TaskContext } from '../task/task-context';

/**
 * Shape a `@Worker` class implements. `handle` runs once per task and its
 * return value (or the value its promise resolves to) becomes the task output.
 *
 * The application creates one instance per worker class and calls `handle` for
 * up to `concurrency` tasks at once on that instance, so keep per-task state in
 * local variables, not in fields.
 *
 * @typeParam TInput - The `@Input` class, or the parsed JSON type without one.
 * @typeParam TOutput - The value sent as the task output.
 * @public
 */
export interface WorkerHandler<TInput = unknown, TOutput = unknown> {
  handle(input: TInput, task: TaskContext): TOutput | Promise<TOutput>;
}
