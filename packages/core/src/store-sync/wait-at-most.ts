import { sleep } from '../polling/backoff';

/**
 * Resolves when `work` settles, after `ms` milliseconds, or when `signal`
 * aborts, whichever comes first. Never rejects: the caller reads the state
 * `work` left (a health result, a first sync) rather than its value.
 *
 * @internal
 */
export async function waitAtMost(work: Promise<unknown>, ms: number, signal: AbortSignal): Promise<void> {
  const waitEnd = new AbortController();
  const endWait = (): void => waitEnd.abort();
  signal.addEventListener('abort', endWait, { once: true });

  try {
    await Promise.race([work.catch(() => undefined), sleep(ms, waitEnd.signal)]);
  } finally {
    signal.removeEventListener('abort', endWait);
    waitEnd.abort();
  }
}
