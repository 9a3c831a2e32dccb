/**
 * Error codes the framework sends with SendTaskFailure, for state machines to
 * match in `Retry` and `Catch`. Errors thrown by handlers use the code of a
 * {@link TaskFailure} or the error's `name` instead.
 *
 * @public
 */
export const WorkerErrorCodes = {
  /** The task input is not JSON, or failed the `@Input` class's validation, or names an unknown store. */
  invalidInput: 'Worker.InvalidInput',
  /** The output is over 262,144 bytes of UTF-8 JSON. */
  outputTooLarge: 'Worker.OutputTooLarge',
  /** The output cannot be turned into JSON (a BigInt, a cycle, a function). */
  outputNotSerializable: 'Worker.OutputNotSerializable',
  /** The worker instance could not be taken from the container. */
  handlerUnavailable: 'Worker.HandlerUnavailable',
  /** The application shut down before the task finished; safe to retry. */
  shuttingDown: 'Worker.ShuttingDown',
  /** A handler returned the Python library's `{status: 'error', error_message}`. */
  workerError: 'WorkerError',
} as const;

/**
 * Limits Step Functions puts on task answers: `error` up to 256 characters,
 * `cause` up to 32,768 characters, and `output` up to 262,144 bytes of UTF-8.
 *
 * @public
 */
export const TaskAnswerLimits = {
  errorLength: 256,
  causeLength: 32_768,
  outputBytes: 262_144,
} as const;
