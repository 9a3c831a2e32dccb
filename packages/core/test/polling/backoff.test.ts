import { describe, expect, it } from 'vitest';

import { Backoff, settledOrAborted, sleep } from '../../src/polling/backoff';

describe(Backoff.name, () => {
  it('doubles the window per failure up to the cap', () => {
    const backoff = new Backoff({ baseMs: 100, maxMs: 1_000 });

    expect([1, 2, 3, 4, 5, 6, 50].map((failures) => backoff.windowMs(failures))).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('draws each delay from the whole window (full jitter)', () => {
    const low = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0 });
    const high = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0.999 });

    expect(low.delayMs(4)).toBe(0);
    expect(high.delayMs(4)).toBe(799);
  });

  it('rejects a cap below the base', () => {
    expect(() => new Backoff({ baseMs: 100, maxMs: 50 })).toThrow('Invalid backoff: baseMs (100) must be > 0 and maxMs (50) >= baseMs.');
  });
});

describe(sleep.name, () => {
  it('resolves early when its signal aborts', async () => {
    const controller = new AbortController();
    const startedAt = Date.now();
    const sleeping = sleep(10_000, controller.signal);

    controller.abort();
    await sleeping;

    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });
});

describe(settledOrAborted.name, () => {
  it('resolves when the promise rejects', async () => {
    await expect(settledOrAborted(Promise.reject(new Error('x')), new AbortController().signal)).resolves.toBeUndefined();
  });

  it('resolves when the signal aborts first', async () => {
    const controller = new AbortController();
    const waiting = settledOrAborted(new Promise(() => undefined), controller.signal);

    controller.abort();

    await expect(waiting).resolves.toBeUndefined();
  });
});
