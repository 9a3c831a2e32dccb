import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Checks `condition` every `intervalMs` until it returns true.
 *
 * @throws Error naming `what` when it is still false after `timeoutMs`.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000, intervalMs = 20): Promise<void> {
  const startedAt = Date.now();

  while (!condition()) {
    if (Date.now() - startedAt > timeoutMs) {
      throw new Error(`Still waiting after ${timeoutMs} ms for ${what}.`);
    }

    await sleep(intervalMs);
  }
}
