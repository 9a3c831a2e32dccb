import { TaskFailure } from '../errors/task-failure';
import type { TaskAnswer } from '../task/task-answer';
import { failureAnswer } from './failure-answer';

/**
 * Maps what a handler threw to a failure answer. A {@link TaskFailure} sends
 * its code; any other error sends its `name` (`TypeError`, a custom class
 * name) and its message. Values that are not errors (strings, `undefined`,
 * plain objects) send `Error` and a description of the value.
 *
 * @internal
 */
export function mapThrownValue(thrown: unknown): Extract<TaskAnswer, { kind: 'failure' }> {
  try {
    const { error, cause } = describeThrown(thrown);
    return failureAnswer(error, cause, thrown);
  } catch {
    return failureAnswer('Error', 'The handler threw a value whose name or message cannot be read.', thrown);
  }
}

function describeThrown(thrown: unknown): { error: string; cause: string } {
  if (isTaskFailure(thrown)) {
    return { error: thrown.code, cause: thrown.message };
  }

  if (isErrorLike(thrown)) {
    const name = typeof thrown.name === 'string' && thrown.name !== '' ? thrown.name : 'Error';
    return { error: name, cause: thrown.message };
  }

  if (typeof thrown === 'string') {
    return { error: 'Error', cause: thrown };
  }

  if (thrown === undefined || thrown === null) {
    return { error: 'Error', cause: `The handler threw ${String(thrown)} instead of an Error.` };
  }

  if (typeof thrown === 'object') {
    return { error: 'Error', cause: `The handler threw a non-Error object: ${describeObject(thrown)}` };
  }

  return { error: 'Error', cause: `The handler threw a non-Error ${typeof thrown}: ${String(thrown)}` };
}

/** Recognises TaskFailure from another copy of this package too, by its name and code. */
function isTaskFailure(value: unknown): value is TaskFailure {
  return (
    value instanceof TaskFailure ||
    (value instanceof Error && value.name === 'TaskFailure' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** An Error, or an object from another realm or library that looks like one. */
function isErrorLike(value: unknown): value is { name?: unknown; message: string } {
  return value instanceof Error || (value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string');
}

function describeObject(value: object): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) {
      return json;
    }
  } catch {
    // Cycles and BigInt values fall through to the tag.
  }

  return Object.prototype.toString.call(value);
}
