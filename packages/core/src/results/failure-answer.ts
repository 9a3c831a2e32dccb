import type { TaskAnswer } from '../task/task-answer';
import { truncateText } from './truncate';
import { TaskAnswerLimits } from './worker-error-codes';

/**
 * Builds a failure answer whose `error` and `cause` fit Step Functions' limits:
 * a longer `error` ends with `…[truncated]`, a longer `cause` with
 * `…[truncated, N characters in total]`.
 *
 * @internal
 */
export function failureAnswer(error: string, cause: string, thrown?: unknown): Extract<TaskAnswer, { kind: 'failure' }> {
  return {
    kind: 'failure',
    error: truncateText(error, TaskAnswerLimits.errorLength, () => '…[truncated]'),
    cause: truncateText(cause, TaskAnswerLimits.causeLength, (length) => `\n…[truncated, ${length} characters in total]`),
    ...(thrown === undefined ? {} : { thrown }),
  };
}
