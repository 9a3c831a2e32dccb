/**
 * Thrown by a handler to fail its task with a chosen error code, which a state
 * machine can match in `Retry` and `Catch`. The task is answered with
 * SendTaskFailure, `error` set to {@link TaskFailure.code} and `cause` to the
 * message.
 *
 * @example
 * ```ts
 * throw new TaskFailure('Sql.Timeout', `Query on ${table} timed out after 30 s`);
 * ```
 *
 * @public
 */
export class TaskFailure extends Error {
  override readonly name: string = 'TaskFailure';

  /** Error code sent as the `error` of SendTaskFailure; cut to 256 characters. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
