/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a
 * random time between 0 and `min(maxMs, baseMs * 2^(n - 1))`. Full jitter
 * spreads the retries of many workers over the whole window, so an endpoint
 * that comes back is not hit by all of them at once.
 *
 * @internal
 */
export interface BackoffOptions {
  /** Window of the first retry, in milliseconds. @default 200 */
  readonly baseMs?: number;
  /** Upper bound of the window, in milliseconds. @default 30000 */
  readonly maxMs?: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. @default Math.random */
  readonly random?: () => number;
}

const DEFAULT_BASE_MS = 200;
const DEFAULT_MAX_MS = 30_000;

/**
 * Computes retry delays for a streak of consecutive failures.
 *
 * @internal
 */
export class Backoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BASE_MS;
    this.maxMs = options.maxMs ?? DEFAULT_MAX_MS;
    this.random = options.random ?? Math.random;

    if (!(this.baseMs > 0) || !(this.maxMs >= this.baseMs)) {
      throw new RangeError(`Invalid backoff: baseMs (${this.baseMs}) must be > 0 and maxMs (${this.maxMs}) >= baseMs.`);
    }
  }

  /** Upper bound of the delay after `failures` consecutive failures (1 for the first). */
  windowMs(failures: number): number {
    const exponent = Math.max(0, Math.min(failures - 1, 30));

    return Math.min(this.maxMs, this.baseMs * 2 ** exponent);
  }

  /** Random delay in milliseconds after `failures` consecutive failures (1 for the first). */
  delayMs(failures: number): number {
    return Math.floor(this.random() * this.windowMs(failures));
  }
}

/**
 * Resolves after `ms` milliseconds, or as soon as `signal` aborts.
 * Never rejects, so callers check `signal.aborted` afterwards.
 *
 * @internal
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) {
    return Promise.resolve();
  }

  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };

    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);

    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves when `promise` settles or `signal` aborts, whichever comes first.
 * Never rejects.
 *
 * @internal
 */
export function settledOrAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.resolve();
  }

  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };

    signal.addEventListener('abort', done, { once: true });
    promise.then(done, done);
  });
}
