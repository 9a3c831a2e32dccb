/**
 * How a task ended in the testing app: what the runtime sent to the service,
 * after the same input validation, result mapping and abort handling.
 *
 * - `succeeded`: SendTaskSuccess with `rawOutput` (its JSON text); `output` is
 *   that text parsed.
 * - `failed`: SendTaskFailure with `error` (the code a state machine's
 *   `Retry` and `Catch` match) and `cause`.
 * - `none`: no answer was sent, because the handler returned
 *   `{ status: 'canceled' }` or the service reported the task over (heartbeat
 *   expired); `reason` tells which.
 *
 * @public
 */
export type TaskRunOutcome =
  | { readonly status: 'succeeded'; readonly output: unknown; readonly rawOutput: string }
  | { readonly status: 'failed'; readonly error: string; readonly cause: string }
  | { readonly status: 'none'; readonly reason: string };
