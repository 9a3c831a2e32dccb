import type { StatesLocal } from '@bevault-workers/states-local';

/** Requests Local States received during one sampling interval. */
export interface RequestRateSample {
  /** End of the interval, in milliseconds since sampling started. */
  readonly atMs: number;
  /** Requests in the interval, all operations together, rejected ones included. */
  readonly requests: number;
  /** Requests in the interval per operation. */
  readonly byOperation: Record<string, number>;
}

/**
 * Counts the requests an endpoint receives per interval (one second by
 * default) from the difference of its `requests` counters, faulted requests
 * included.
 */
export class RequestRateSampler {
  readonly samples: RequestRateSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private previous: Record<string, number> = {};
  private startedAt = 0;

  constructor(
    private readonly states: StatesLocal,
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.previous = this.states.counters().requests;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Stops sampling; the time since the last sample becomes one more, shorter, sample. */
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Highest per-interval request count among the samples taken after `fromMs`. */
  maxFrom(fromMs: number): number {
    return Math.max(0, ...this.samples.filter((sample) => sample.atMs > fromMs).map((sample) => sample.requests));
  }

  private sample(): void {
    const current = this.states.counters().requests;
    const byOperation: Record<string, number> = {};

    for (const [operation, count] of Object.entries(current)) {
      const delta = count - (this.previous[operation] ?? 0);
      if (delta > 0) {
        byOperation[operation] = delta;
      }
    }

    this.previous = current;
    const requests = Object.values(byOperation).reduce((sum, count) => sum + count, 0);
    this.samples.push({ atMs: Date.now() - this.startedAt, requests, byOperation });
  }
}
