import type { Logger } from 'winston';

/**
 * Logs a run of consecutive failures of one operation once, not once per
 * retry: a warning with the first error when the streak starts, and an info
 * line with the failure count when the operation succeeds again. Each failure
 * of the streak is logged at debug.
 *
 * @internal
 */
export class FailureStreak {
  private failureCount = 0;
  private startedAt = 0;

  constructor(
    private readonly logger: Logger,
    private readonly operation: string,
    private readonly fields: Record<string, unknown> = {},
  ) {}

  /** Consecutive failures so far; 0 when the last attempt succeeded. */
  get failures(): number {
    return this.failureCount;
  }

  /** Records a failure and returns the number of consecutive failures, 1 for the first. */
  recordFailure(error: { code: string; message: string }, retryInMs: number): number {
    this.failureCount += 1;

    if (this.failureCount === 1) {
      this.startedAt = Date.now();
      this.logger.warn(`${this.operation} failed; retrying with backoff`, {
        ...this.fields,
        operation: this.operation,
        errorCode: error.code,
        error: error.message,
        retryInMs,
      });
    } else {
      this.logger.debug(`${this.operation} failed again`, {
        ...this.fields,
        operation: this.operation,
        errorCode: error.code,
        error: error.message,
        failures: this.failureCount,
        retryInMs,
      });
    }

    return this.failureCount;
  }

  /** Records a success; logs the recovery when it ends a streak. */
  recordSuccess(): void {
    if (this.failureCount === 0) {
      return;
    }

    this.logger.info(`${this.operation} recovered`, {
      ...this.fields,
      operation: this.operation,
      failures: this.failureCount,
      outageMs: Date.now() - this.startedAt,
    });
    this.failureCount = 0;
  }
}
