import type { Logger } from 'winston';

import type { ActivityApi } from '../client/activity-api';
import { describeServiceError, type ServiceErrorInfo } from '../client/service-errors';
import type { TaskAnswer } from '../task/task-answer';
import { Backoff, sleep } from './backoff';
import { FailureStreak } from './failure-streak';
import { RuntimeErrorCodes } from './runtime-error-codes';

/** Answers that go to the service; `none` never reaches the sender. */
export type SendableAnswer = Exclude<TaskAnswer, { kind: 'none' }>;

/**
 * Result of delivering an answer.
 *
 * - `sent`: the service accepted `answer` (which differs from the one requested
 *   when the service rejected that one and a failure was sent in its place).
 * - `task-over`: the service reports the task over, so no answer is needed.
 * - `gave-up`: the retry limit passed, the retries were cancelled, or even the
 *   replacement failure was rejected.
 *
 * @internal
 */
export type AnswerDelivery =
  | { readonly status: 'sent'; readonly answer: SendableAnswer }
  | { readonly status: 'task-over'; readonly error: ServiceErrorInfo }
  | { readonly status: 'gave-up'; readonly error: ServiceErrorInfo };

/**
 * Options of the {@link AnswerSender}.
 *
 * @internal
 */
export interface AnswerSenderOptions {
  readonly api: ActivityApi;
  /** Delays between attempts. @default base 200 ms, cap 10 s */
  readonly retryBackoff?: Backoff;
  /** Time after the first attempt past which no retry starts, in milliseconds. @default 120000 */
  readonly retryLimitMs?: number;
}

/** Maximum length of the service message quoted in the cause of a replacement failure. */
const QUOTED_MESSAGE_MAX_LENGTH = 1_000;

/**
 * Sends SendTaskSuccess or SendTaskFailure and makes it stick: throttling,
 * 5xx, timeouts and network errors are retried with backoff until the call
 * succeeds, the service reports the task over (TaskTimedOut, TaskDoesNotExist,
 * InvalidToken), or `retryLimitMs` passes. A success the service rejects (for
 * example InvalidOutput) is replaced by a failure `Worker.AnswerRejected`, so a
 * task is not left running because its answer was refused.
 *
 * The runtime makes one client with SDK retries off, so these are the only
 * retries an answer gets. Repeating an answer is safe: if an earlier attempt
 * did reach the service, the repeat is rejected as the task being over.
 *
 * @internal
 */
export class AnswerSender {
  private readonly retryBackoff: Backoff;
  private readonly retryLimitMs: number;

  constructor(private readonly options: AnswerSenderOptions) {
    this.retryBackoff = options.retryBackoff ?? new Backoff({ baseMs: 200, maxMs: 10_000 });
    this.retryLimitMs = options.retryLimitMs ?? 120_000;
  }

  /**
   * Delivers `answer` for `taskToken`, logging through the task's `logger`.
   * Aborting `signal` stops the retries (not a call in flight).
   */
  async send(taskToken: string, answer: SendableAnswer, logger: Logger, signal?: AbortSignal): Promise<AnswerDelivery> {
    const deadline = Date.now() + this.retryLimitMs;
    let current = answer;
    let replaced = false;
    let streak = new FailureStreak(logger, operationOf(current));

    for (;;) {
      try {
        await this.call(taskToken, current);
        streak.recordSuccess();

        return { status: 'sent', answer: current };
      } catch (thrown) {
        const error = describeServiceError(thrown);

        if (error.taskOver) {
          logger.info('Answer not needed; the task is over at the service', { operation: operationOf(current), errorCode: error.code });

          return { status: 'task-over', error };
        }

        if (!error.retryable && !replaced) {
          logger.warn('Answer rejected by the service; failing the task instead', {
            operation: operationOf(current),
            errorCode: error.code,
            error: error.message,
          });
          current = replacementFailure(current, error);
          replaced = true;
          streak = new FailureStreak(logger, operationOf(current));
          continue;
        }

        const delayMs = this.retryBackoff.delayMs(streak.failures + 1);

        if (!error.retryable || signal?.aborted || Date.now() + delayMs > deadline) {
          logger.error('Answer not delivered; the service ends the task at its timeout', {
            operation: operationOf(current),
            errorCode: error.code,
            error: error.message,
            attempts: streak.failures + 1,
          });

          return { status: 'gave-up', error };
        }

        streak.recordFailure(error, delayMs);
        await sleep(delayMs, signal);
      }
    }
  }

  private async call(taskToken: string, answer: SendableAnswer): Promise<void> {
    if (answer.kind === 'success') {
      await this.options.api.sendTaskSuccess(taskToken, answer.output);
    } else {
      await this.options.api.sendTaskFailure(taskToken, answer.error, answer.cause);
    }
  }
}

function operationOf(answer: SendableAnswer): string {
  return answer.kind === 'success' ? 'SendTaskSuccess' : 'SendTaskFailure';
}

function replacementFailure(rejected: SendableAnswer, error: ServiceErrorInfo): SendableAnswer {
  const message = error.message.slice(0, QUOTED_MESSAGE_MAX_LENGTH);

  return {
    kind: 'failure',
    error: RuntimeErrorCodes.answerRejected,
    cause: `${operationOf(rejected)} was rejected with ${error.code}: ${message}`,
  };
}
