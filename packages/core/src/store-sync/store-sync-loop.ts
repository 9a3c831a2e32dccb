import type { Logger } from 'winston';

import { type Backoff, sleep } from '../polling/backoff';
import { FailureStreak } from '../polling/failure-streak';
import { StatesStoreRequestError } from './states-store-request-error';
import type { StoreSyncOperation } from './store-sync-wire';

/**
 * Options of {@link runStoreSyncLoop}.
 *
 * @internal
 */
export interface StoreSyncLoopOptions {
  /** Operation the loop calls, for logs and for `onFailure`. */
  readonly operation: StoreSyncOperation;
  /** Aborts to end the loop, and the call in progress with it. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Pause after failures. */
  readonly backoff: Backoff;
  /** Whether a request timeout or an HTTP 504 (a gateway's timeout) is the normal end of a hold rather than a failure. */
  readonly longPoll: boolean;
  /**
   * Minimum time between the starts of two iterations, in milliseconds, so a
   * server that returns every long poll at once cannot cause a request storm.
   */
  readonly minCycleMs: number;
  /** Extra fields of the log entries. */
  readonly logFields: Record<string, unknown>;
  /** One call and the work its response triggers. */
  readonly iteration: (signal: AbortSignal) => Promise<void>;
  /** Waits after a successful iteration, such as the status heartbeat. @default no wait */
  readonly idle?: (signal: AbortSignal) => Promise<void>;
  /** Called for every failed call, for metrics. */
  readonly onFailure?: (operation: StoreSyncOperation, errorCode: string) => void;
  /** Called after the first iteration, whatever its result. */
  readonly onFirstIteration?: () => void;
}

/**
 * Runs one store-sync loop until `signal` aborts.
 *
 * Goals:
 * - Call again at once after a long poll ends, with a response or at the end
 *   of the hold (timeout or HTTP 504), never faster than `minCycleMs`.
 * - After any other failure, wait a growing, jittered backoff, and log the
 *   streak once (a warning when it starts, info when it ends) rather than
 *   once per attempt.
 * - Stop at once when `signal` aborts, without waiting out a long poll.
 *
 * @internal
 */
export async function runStoreSyncLoop(options: StoreSyncLoopOptions): Promise<void> {
  const { signal, logger, operation } = options;
  const streak = new FailureStreak(logger, operation, options.logFields);
  let first = true;

  while (!signal.aborted) {
    const startedAt = Date.now();
    let failed = false;

    try {
      await options.iteration(signal);
      streak.recordSuccess();
    } catch (error) {
      // Stopping aborted the call in progress: not a failure.
      if (signal.aborted) {
        break;
      }

      failed = !(await handleFailure(options, streak, error));
    }

    if (first) {
      first = false;
      options.onFirstIteration?.();
    }

    if (!failed) {
      await options.idle?.(signal);
      await sleep(options.minCycleMs - (Date.now() - startedAt), signal);
    }
  }
}

/** Logs a failure and waits out the backoff; returns true when the failure was the normal end of a long poll. */
async function handleFailure(options: StoreSyncLoopOptions, streak: FailureStreak, error: unknown): Promise<boolean> {
  const { code, message, endOfHold } = describeFailure(error);

  if (options.longPoll && endOfHold) {
    options.logger.debug('Store sync long poll ended without a response; polling again', { ...options.logFields, operation: options.operation, errorCode: code });
    return true;
  }

  options.onFailure?.(options.operation, code);

  const delayMs = options.backoff.delayMs(streak.failures + 1);
  streak.recordFailure({ code, message }, delayMs);
  await sleep(delayMs, options.signal);

  return false;
}

function describeFailure(error: unknown): { code: string; message: string; endOfHold: boolean } {
  if (error instanceof StatesStoreRequestError) {
    return { code: error.code, message: error.message, endOfHold: error.timedOut || error.httpStatus === 504 };
  }

  // Anything else comes from applying an answer (a closed registry, a store type that throws).
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? error.name : 'Error';

  return { code, message, endOfHold: false };
}
