/**
 * Commands a benchmark child process serves, by name. Each takes one
 * structured-clone argument and returns (or resolves to) one value.
 */
export type CommandTable = { [command: string]: (argument: never) => unknown };

/** A command sent from the runner to a child process. */
export interface CommandRequest {
  readonly kind: 'request';
  readonly id: number;
  readonly command: string;
  readonly argument: unknown;
}

/** A child's reply to one {@link CommandRequest}. */
export type CommandResponse =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: { name: string; message: string; stack?: string } };

/** Command every child serves: runs its `close` handler, replies, then exits. */
export const EXIT_COMMAND = 'exit';
