import { constants } from 'node:os';

import type { Logger } from 'winston';

/** Signals that start a graceful shutdown. */
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/**
 * Callbacks of the signal handlers.
 *
 * @internal
 */
export interface SignalActions {
  /** First signal: start the graceful shutdown. */
  shutdown(signal: ShutdownSignal): void;
  /**
   * Second signal: stop at once. Resolves when what can be answered quickly
   * was answered; the process then exits with `128 + signal number`.
   */
  stopNow(signal: ShutdownSignal): Promise<void>;
}

/**
 * Installs SIGINT and SIGTERM handlers: the first signal starts a graceful
 * shutdown, the second stops at once and exits the process. Returns the
 * function that removes the handlers.
 *
 * @internal
 */
export function installSignalHandlers(actions: SignalActions, logger: Logger): () => void {
  let received = 0;

  const onSignal = (signal: ShutdownSignal): void => {
    received += 1;

    if (received === 1) {
      logger.info('Signal received; shutting down gracefully (send it again to stop at once)', { signal });
      actions.shutdown(signal);
      return;
    }

    // Later signals while the immediate stop is under way change nothing.
    if (received > 2) {
      return;
    }

    logger.warn('Second signal received; stopping at once', { signal });
    void actions.stopNow(signal).finally(() => process.exit(128 + constants.signals[signal]));
  };

  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, onSignal);
  }

  return () => {
    for (const signal of SHUTDOWN_SIGNALS) {
      process.off(signal, onSignal);
    }
  };
}
