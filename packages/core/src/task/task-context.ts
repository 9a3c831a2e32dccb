import type { Logger } from 'winston';

/**
 * What a handler receives besides its input: the task's identity, a signal that
 * aborts when the task must stop, a logger carrying the task's ids, and a way to
 * send a heartbeat on demand.
 *
 * @public
 */
export interface TaskContext {
  /** Short, log-safe identifier of the task (a hash of the task token, never the token itself). */
  readonly taskId: string;

  /** Activity name as declared with `@Worker`, without the environment prefix. */
  readonly workerName: string;

  /** ARN of the activity the task came from. */
  readonly activityArn: string;

  /**
   * Aborts when the task must stop: heartbeat rejected by the service (TaskTimedOut,
   * TaskDoesNotExist, InvalidToken), shutdown grace period over, or a test cancelling it.
   * `signal.reason` is a {@link TaskAbortReason}.
   */
  readonly signal: AbortSignal;

  /** Child logger whose entries carry `worker`, `activityArn` and `taskId`. */
  readonly logger: Logger;

  /** Time the task was received from the service. */
  readonly receivedAt: Date;

  /**
   * Sends a heartbeat now, in addition to the scheduled ones.
   * Rejects when the service reports that the task is over; the signal is then aborted too.
   */
  heartbeat(): Promise<void>;
}

/**
 * Why a task's signal was aborted.
 *
 * @public
 */
export type TaskAbortReason =
  | { readonly kind: 'heartbeat-rejected'; readonly code: string; readonly message: string }
  | { readonly kind: 'shutdown'; readonly graceMs: number }
  | { readonly kind: 'cancelled'; readonly message: string };
