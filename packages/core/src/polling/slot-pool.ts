/**
 * Fixed number of slots of one worker. A slot is taken before GetActivityTask
 * is sent and is kept by the task the poll brings until its answer is sent,
 * so polls in flight plus running tasks never exceed `capacity`.
 *
 * @internal
 */
export class SlotPool {
  private used = 0;
  private readonly waiters: Array<() => void> = [];

  /**
   * @param capacity - number of slots, the worker's concurrency
   * @param onChange - called with the number of slots in use after each change
   */
  constructor(
    readonly capacity: number,
    private readonly onChange: (inUse: number) => void = () => undefined,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Invalid slot capacity ${capacity}: expected an integer >= 1.`);
    }
  }

  get inUse(): number {
    return this.used;
  }

  get free(): number {
    return this.capacity - this.used;
  }

  /** Takes a slot when one is free; returns false otherwise. */
  tryAcquire(): boolean {
    if (this.used >= this.capacity) {
      return false;
    }

    this.used += 1;
    this.onChange(this.used);

    return true;
  }

  /**
   * Takes a slot, waiting for one to be released if needed.
   * Resolves with false, holding no slot, when `signal` aborts first.
   */
  async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (this.tryAcquire()) {
        return true;
      }

      await this.nextRelease(signal);
    }

    return false;
  }

  /** Gives a slot back and wakes one waiter. */
  release(): void {
    if (this.used === 0) {
      throw new Error('SlotPool.release() called with no slot in use.');
    }

    this.used -= 1;
    this.onChange(this.used);
    this.waiters.shift()?.();
  }

  private nextRelease(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };

      const onAbort = (): void => {
        const index = this.waiters.indexOf(wake);

        if (index >= 0) {
          this.waiters.splice(index, 1);
        }

        resolve();
      };

      this.waiters.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
