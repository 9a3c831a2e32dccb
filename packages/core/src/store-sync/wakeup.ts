/**
 * A pause that another part of the program can cut short: {@link Wakeup.wake}
 * ends the current {@link Wakeup.wait}, or the next one when none is in progress.
 *
 * @internal
 */
export class Wakeup {
  private pending = false;
  private wakeWaiter: (() => void) | undefined;

  /** Resolves after `ms` milliseconds, on {@link Wakeup.wake}, or when `signal` aborts. Never rejects. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return Promise.resolve();
    }

    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeWaiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);

      signal.addEventListener('abort', done, { once: true });
      this.wakeWaiter = done;
    });
  }

  wake(): void {
    if (this.wakeWaiter === undefined) {
      this.pending = true;
      return;
    }

    this.wakeWaiter();
  }
}
