import type { TaskAnswer } from '../task/task-answer';
import { failureAnswer } from './failure-answer';
import { serializeOutput } from './serialize-output';
import { WorkerErrorCodes } from './worker-error-codes';

/**
 * Maps what a handler returned to the task's answer. Plain objects follow the
 * Python library's contract: `{status: 'error', error_message}` fails the task
 * with `WorkerError` and the message, `{status: 'canceled'}` sends no answer,
 * and any other object succeeds whole. Every other value is sent as JSON.
 *
 * @internal
 */
export function mapHandlerResult(value: unknown): TaskAnswer {
  if (isPlainObject(value)) {
    if (value.status === 'error') {
      const message = value.error_message;
      const cause =
        message === undefined || message === null
          ? "The handler returned {status: 'error'} without an error_message."
          : typeof message === 'string'
            ? message
            : safeJson(message);
      return failureAnswer(WorkerErrorCodes.workerError, cause);
    }

    if (value.status === 'canceled') {
      const reason = typeof value.message === 'string' && value.message !== '' ? value.message : "The handler returned {status: 'canceled'}.";
      return { kind: 'none', reason };
    }
  }

  return serializeOutput(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    return false;
  }

  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
