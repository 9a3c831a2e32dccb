import type { HistoryEvent } from '@bevault-workers/states-local';

/** Number of history events named in the message. */
const eventsShown = 5;

/**
 * Thrown when a state machine execution started by the testing helpers is
 * still running after its timeout. The execution is stopped, and `history`
 * contains its events up to then.
 *
 * @public
 */
export class ExecutionTimeoutError extends Error {
  override readonly name = 'ExecutionTimeoutError';

  constructor(
    readonly executionArn: string,
    readonly timeoutMs: number,
    readonly history: readonly HistoryEvent[],
    options?: { cause?: unknown },
  ) {
    const last = history.slice(-eventsShown).map((event) => event.type);
    super(
      `Execution ${executionArn} was still running after ${timeoutMs} ms and was stopped. Last events: ${last.join(', ') || 'none'}. ` +
        'Check that every Task state names a worker of the environment ("Resource": "activity:<name>") and that its handler ends, or raise timeoutMs.',
      options,
    );
  }
}
