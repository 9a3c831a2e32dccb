import type { Logger } from 'winston';

/** Uncaught errors logged at error level; later ones in the same shutdown go to debug, with their count. */
const loggedAtErrorLevel = 3;

/**
 * Installs an `uncaughtException` listener, which also receives unhandled
 * promise rejections (Node.js raises them as uncaught exceptions unless
 * something listens to `unhandledRejection`). The first error starts
 * `shutdown`, a graceful shutdown that answers every task the process holds,
 * and the process exits with code 1 once it is over, so the process manager
 * restarts it in a clean state. Without this listener Node.js would exit at
 * once, and the running tasks would wait for their HeartbeatSeconds or
 * TimeoutSeconds. Returns the function that removes the listener.
 *
 * @internal
 */
export function installUncaughtErrorHandler(shutdown: () => Promise<void>, logger: Logger): () => void {
  let count = 0;

  const onError = (error: Error, origin: NodeJS.UncaughtExceptionOrigin): void => {
    count += 1;
    process.exitCode = 1;

    if (count === 1) {
      logger.error('Uncaught error; shutting down gracefully, then exiting with code 1', { origin, error });
      void shutdown().finally(() => process.exit(1));
      return;
    }

    logger.log(count <= loggedAtErrorLevel ? 'error' : 'debug', 'Another uncaught error during the shutdown', { origin, error, uncaughtErrors: count });
  };

  process.on('uncaughtException', onError);

  return () => {
    process.off('uncaughtException', onError);
  };
}
