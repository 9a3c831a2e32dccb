/**
 * How an activity task ended.
 *
 * - `succeeded`: a worker sent SendTaskSuccess with `output` (JSON text).
 * - `failed`: a worker sent SendTaskFailure.
 * - `timed-out`: TimeoutSeconds or HeartbeatSeconds elapsed first.
 * - `stopped`: its execution was stopped, its activity deleted or Local
 *   States stopped.
 *
 * @public
 */
export type TaskOutcome =
  | { status: 'succeeded'; output: string }
  | { status: 'failed'; error?: string; cause?: string }
  | { status: 'timed-out'; error: 'States.Timeout' | 'States.HeartbeatTimeout' }
  | { status: 'stopped' };

/**
 * Timeouts of an activity task, in seconds.
 *
 * @public
 */
export interface TaskTimeouts {
  /**
   * Seconds from the moment the task is queued until it times out with
   * `States.Timeout`; the time it waits for a poll counts, as on AWS.
   * @default 99999999 (the Step Functions default for Task states)
   */
  timeoutSeconds?: number;
  /**
   * Seconds allowed between the delivery or the last heartbeat and the next
   * heartbeat before the task times out with `States.HeartbeatTimeout`.
   * @default no heartbeat timeout
   */
  heartbeatSeconds?: number;
}

/** Default TimeoutSeconds of a Task state in Step Functions. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;
