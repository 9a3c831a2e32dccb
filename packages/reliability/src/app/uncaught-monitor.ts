/** Key of the JSON line the child writes to stderr for each uncaught exception or unhandled rejection. */
export const uncaughtMonitorKey = 'uncaughtMonitor';

/**
 * Writes one JSON line to stderr for every uncaught exception and unhandled
 * rejection, with the origin and the error's name and message. It uses
 * `uncaughtExceptionMonitor`, which observes without handling, so the
 * process keeps Node.js's own behaviour (by default, it exits).
 */
export function monitorUncaughtErrors(): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    const described = error instanceof Error ? { name: error.name, message: error.message } : { value: String(error) };
    process.stderr.write(`${JSON.stringify({ [uncaughtMonitorKey]: origin, ...described })}\n`);
  });
}
