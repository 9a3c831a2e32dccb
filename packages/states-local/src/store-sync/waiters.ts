/**
 * Long-poll callers waiting for a change. Each waiter is woken by
 * {@link Waiters.wakeAll}, or ends empty-handed after its hold time, when
 * its client hangs up, or on {@link Waiters.releaseAll}.
 */
export class Waiters {
  private readonly waiting = new Set<(woken: boolean) => void>();

  /** Resolves true when woken, false otherwise. */
  wait(holdMs: number, onClientClose: (listener: () => void) => void): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(finish);
        resolve(woken);
      };
      const timer = setTimeout(() => finish(false), holdMs);

      this.waiting.add(finish);
      onClientClose(() => finish(false));
    });
  }

  wakeAll(): void {
    for (const finish of [...this.waiting]) {
      finish(true);
    }
  }

  releaseAll(): void {
    for (const finish of [...this.waiting]) {
      finish(false);
    }
  }
}
