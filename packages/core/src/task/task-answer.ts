/**
 * The answer a task gets from the service, decided by the task pipeline:
 * SendTaskSuccess with `output`, SendTaskFailure with `error` and `cause`, or
 * nothing at all (the Python library's `{status: 'canceled'}` result).
 *
 * @public
 */
export type TaskAnswer =
  | { readonly kind: 'success'; readonly output: string }
  | {
      readonly kind: 'failure';
      readonly error: string;
      readonly cause: string;
      /** What the handler threw, for the outcome log (its stack); absent when nothing was thrown. */
      readonly thrown?: unknown;
    }
  | { readonly kind: 'none'; readonly reason: string };
