import { afterEach, describe, expect, it, vi } from 'vitest';

import { installSignalHandlers } from '../../src/lifecycle/signal-handlers';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';

let uninstall: (() => void) | undefined;

afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  vi.restoreAllMocks();
});

describe(installSignalHandlers.name, () => {
  it('shuts down on the first signal and stops at once on the second', async () => {
    const { logger, entries } = captureLogger();
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const calls: string[] = [];
    uninstall = installSignalHandlers(
      {
        shutdown: (signal) => calls.push(`shutdown ${signal}`),
        stopNow: async (signal) => {
          calls.push(`stopNow ${signal}`);
        },
      },
      logger,
    );

    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setImmediate(resolve));

    expect(calls).toEqual(['shutdown SIGTERM', 'stopNow SIGINT']);
    expect(exit).toHaveBeenCalledWith(130);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(entriesWith(entries, 'Second signal received; stopping at once')).toMatchObject([{ level: 'warn', signal: 'SIGINT' }]);
  });

  it('removes its handlers', () => {
    const before = process.listenerCount('SIGTERM');
    const remove = installSignalHandlers({ shutdown: () => undefined, stopNow: async () => undefined }, captureLogger().logger);

    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    remove();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
