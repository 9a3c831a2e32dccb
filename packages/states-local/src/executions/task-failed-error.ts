/**
 * Error thrown into the interpreter when an activity task fails, so that
 * Retry and Catch match its `name` (the error code a worker sent) and
 * Catch passes its `message` on as `Cause`.
 */
export class TaskFailedError extends Error {
  constructor(errorCode: string, cause: string) {
    super(cause);
    this.name = errorCode;
  }
}
