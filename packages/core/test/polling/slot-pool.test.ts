import { describe, expect, it } from 'vitest';

import { SlotPool } from '../../src/polling/slot-pool';

describe(SlotPool.name, () => {
  it('hands out at most capacity slots', () => {
    const changes: number[] = [];
    const pool = new SlotPool(2, (inUse) => changes.push(inUse));

    expect(pool.tryAcquire()).toBe(true);
    expect(pool.tryAcquire()).toBe(true);
    expect(pool.tryAcquire()).toBe(false);
    expect(pool.inUse).toBe(2);
    expect(pool.free).toBe(0);
    expect(changes).toEqual([1, 2]);
  });

  it('wakes a waiter when a slot is released', async () => {
    const pool = new SlotPool(1);
    pool.tryAcquire();
    const waiting = pool.acquire(new AbortController().signal);

    pool.release();

    await expect(waiting).resolves.toBe(true);
    expect(pool.inUse).toBe(1);
  });

  it('returns false without a slot when the wait is aborted', async () => {
    const pool = new SlotPool(1);
    pool.tryAcquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);

    controller.abort();

    await expect(waiting).resolves.toBe(false);
    expect(pool.inUse).toBe(1);
  });

  it('rejects a release with no slot in use', () => {
    expect(() => new SlotPool(1).release()).toThrow('SlotPool.release() called with no slot in use.');
  });

  it('rejects a capacity below one', () => {
    expect(() => new SlotPool(0)).toThrow('Invalid slot capacity 0: expected an integer >= 1.');
  });
});
