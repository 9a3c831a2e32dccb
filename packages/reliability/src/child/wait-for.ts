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

/**
 * Returns what `promise` resolves to.
 *
 * @throws Error naming `what` when it has not settled after `timeoutMs`.
 */
export async function within<T>(promise: Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Still waiting after ${timeoutMs} ms for ${what}.`)), timeoutMs);
  });

  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
