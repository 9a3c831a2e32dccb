import { describe, expect, it } from 'vitest';

import { FailureStreak } from '../../src/polling/failure-streak';
import { captureLogger } from './support/capture-logger';

describe(FailureStreak.name, () => {
  it('warns once when a streak starts and logs the recovery with the count', async () => {
    const { logger, entries } = captureLogger();
    const streak = new FailureStreak(logger, 'GetActivityTask', { worker: 'resize' });

    expect(streak.recordFailure({ code: 'ThrottlingException', message: 'slow down' }, 100)).toBe(1);
    expect(streak.recordFailure({ code: 'ThrottlingException', message: 'slow down' }, 200)).toBe(2);
    expect(streak.recordFailure({ code: 'InternalFailure', message: 'boom' }, 400)).toBe(3);
    streak.recordSuccess();
    streak.recordSuccess();
    await Promise.resolve();

    const visible = entries.filter((entry) => entry.level !== 'debug');
    expect(visible.map((entry) => [entry.level, entry.message])).toEqual([
      ['warn', 'GetActivityTask failed; retrying with backoff'],
      ['info', 'GetActivityTask recovered'],
    ]);
    expect(visible[0]).toMatchObject({ worker: 'resize', errorCode: 'ThrottlingException', retryInMs: 100 });
    expect(visible[1]).toMatchObject({ worker: 'resize', failures: 3 });
    expect(entries.filter((entry) => entry.level === 'debug')).toHaveLength(2);
    expect(streak.failures).toBe(0);
  });
});
