import { afterEach, describe, expect, it, vi } from 'vitest';

import { installUncaughtErrorHandler } from '../../src/lifecycle/uncaught-error-handler';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';

let uninstall: (() => void) | undefined;
const exitCodeBefore = process.exitCode;

/** Calls the `uncaughtException` listeners as Node.js does, without a real uncaught error. */
function emitUncaught(error: Error, origin: NodeJS.UncaughtExceptionOrigin): void {
  (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtException', error, origin);
}

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  process.exitCode = exitCodeBefore;
  vi.restoreAllMocks();
});

describe(installUncaughtErrorHandler.name, () => {
  it('shuts down once, then exits with code 1', async () => {
    const { logger, entries } = captureLogger();
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    let finishShutdown!: () => void;
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finishShutdown = resolve)));
    uninstall = installUncaughtErrorHandler(shutdown, logger);

    emitUncaught(new Error('timer failed'), 'uncaughtException');
    emitUncaught(new Error('promise failed'), 'unhandledRejection');
    await new Promise((resolve) => setImmediate(resolve));

    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(process.exitCode).toBe(1);
    expect(exit).not.toHaveBeenCalled();
    expect(entriesWith(entries, 'Uncaught error; shutting down gracefully, then exiting with code 1')).toMatchObject([
      { level: 'error', origin: 'uncaughtException' },
    ]);
    expect(entriesWith(entries, 'Another uncaught error during the shutdown')).toMatchObject([
      { level: 'error', origin: 'unhandledRejection', uncaughtErrors: 2 },
    ]);

    finishShutdown();
    await new Promise((resolve) => setImmediate(resolve));

    expect(exit).toHaveBeenCalledWith(1);
  });

  it('logs the errors after the third at debug', async () => {
    const { logger, entries } = captureLogger();
    vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    uninstall = installUncaughtErrorHandler(() => new Promise<void>(() => undefined), logger);

    for (let count = 1; count <= 5; count += 1) {
      emitUncaught(new Error(`failure ${count}`), 'uncaughtException');
    }
    await new Promise((resolve) => setImmediate(resolve));

    expect(entriesWith(entries, 'Another uncaught error during the shutdown').map((entry) => [entry.level, entry.uncaughtErrors])).toEqual([
      ['error', 2],
      ['error', 3],
      ['debug', 4],
      ['debug', 5],
    ]);
  });

  it('removes its listener', () => {
    const { logger } = captureLogger();
    const listenersBefore = process.listenerCount('uncaughtException');

    const remove = installUncaughtErrorHandler(() => Promise.resolve(), logger);
    expect(process.listenerCount('uncaughtException')).toBe(listenersBefore + 1);
    remove();

    expect(process.listenerCount('uncaughtException')).toBe(listenersBefore);
  });
});
