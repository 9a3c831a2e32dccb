/**
 * Thrown when a worker class cannot be used as declared: a missing `@Worker`,
 * a missing `handle` method, an `@Input` that is not a class, two workers with
 * one activity name, an invalid option, or a workers folder that cannot be
 * loaded. The message names the class and the fix.
 *
 * @public
 */
export class WorkerDefinitionError extends Error {
  override readonly name: string = 'WorkerDefinitionError';

  /** Name of the class at fault, when there is one. */
  readonly className: string | undefined;

  constructor(message: string, options?: { className?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.className = options?.className;
  }
}
