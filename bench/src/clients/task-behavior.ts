import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What every benchmark task does, the same in each client:
 * - `noop` returns at once;
 * - `sleep` waits `sleepMs`;
 * - `hold` waits until the client's {@link TaskGate} opens, to keep tasks in flight.
 * Each answers SendTaskSuccess with `{}`.
 */
export type TaskBehavior = { readonly kind: 'noop' } | { readonly kind: 'sleep'; readonly sleepMs: number } | { readonly kind: 'hold' };

/** Holds `hold` tasks until {@link TaskGate.open} is called, and counts them meanwhile. */
export class TaskGate {
  /** Tasks waiting at the gate now. */
  waiting = 0;

  private opened = false;
  private readonly waiters: Array<() => void> = [];

  /** Resolves once the gate is open. */
  async pass(): Promise<void> {
    if (this.opened) {
      return;
    }

    this.waiting += 1;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.waiting -= 1;
  }

  /** Lets every waiting task and every later one through. */
  open(): void {
    this.opened = true;
    this.waiters.splice(0).forEach((resolve) => resolve());
  }
}

/**
 * Runs the behavior of one task; `undefined` for `noop`, so callers can skip
 * the await. An aborted `signal` ends a sleep early.
 */
export function runBehavior(behavior: TaskBehavior, gate: TaskGate, signal?: AbortSignal): Promise<unknown> | undefined {
  switch (behavior.kind) {
    case 'noop':
      return undefined;
    case 'sleep':
      return sleep(behavior.sleepMs, undefined, { signal }).catch(() => undefined);
    case 'hold':
      return gate.pass();
  }
}
