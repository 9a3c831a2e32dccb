import type { ExecutionStatus, HistoryEvent } from '@bevault-workers/states-local';

import type { CapturedLogs } from '../logging/captured-logs';

/**
 * End state of one state machine execution.
 *
 * @public
 */
export interface StateMachineRun {
  readonly executionArn: string;
  /** `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`. */
  readonly status: ExecutionStatus;
  /** The output parsed from JSON, for a `SUCCEEDED` execution; undefined otherwise. */
  readonly output: unknown;
  /** The output as JSON text, for a `SUCCEEDED` execution. */
  readonly rawOutput: string | undefined;
  /** Error code, for a `FAILED`, `TIMED_OUT` or `ABORTED` execution. */
  readonly error: string | undefined;
  readonly cause: string | undefined;
  /** The events GetExecutionHistory returns, oldest first: `TaskStateEntered`, `ActivityScheduled`, `ActivitySucceeded`... */
  readonly history: readonly HistoryEvent[];
  /** Log entries of the worker application and Local States during the run. */
  readonly logs: CapturedLogs;
}
