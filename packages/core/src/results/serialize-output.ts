import type { TaskAnswer } from '../task/task-answer';
import { failureAnswer } from './failure-answer';
import { TaskAnswerLimits, WorkerErrorCodes } from './worker-error-codes';

/** Raised inside `JSON.stringify` when it meets a BigInt, to report where. */
class BigIntFound extends Error {
  constructor(readonly key: string) {
    super(`a BigInt value at key '${key}'`);
  }
}

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * Turns a handler's return value into a success answer with its JSON text.
 * `undefined` becomes `null`. Fails the task with
 * `Worker.OutputNotSerializable` when JSON cannot represent the value (a
 * BigInt, a cycle, a function, a throwing `toJSON`), and with
 * `Worker.OutputTooLarge` when the JSON is over 262,144 bytes of UTF-8.
 *
 * @internal
 */
export function serializeOutput(value: unknown): TaskAnswer {
  let output: string | undefined;
  try {
    output = value === undefined ? 'null' : JSON.stringify(value, rejectBigInt);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return notSerializable(`The handler's return value cannot be turned into JSON: ${reason}.`);
  }

  if (output === undefined) {
    return notSerializable(`The handler returned a ${typeof value}, which JSON cannot represent.`);
  }

  const bytes = Buffer.byteLength(output, 'utf8');
  if (bytes > TaskAnswerLimits.outputBytes) {
    return failureAnswer(
      WorkerErrorCodes.outputTooLarge,
      `The task output is ${numberFormat.format(bytes)} bytes of UTF-8 JSON, over the ${numberFormat.format(TaskAnswerLimits.outputBytes)} bytes ` +
        'Step Functions accepts. Write the data to a file store (FileStore.write) and return its file token instead.',
    );
  }

  return { kind: 'success', output };
}

function rejectBigInt(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    throw new BigIntFound(key === '' ? '(root)' : key);
  }

  return value;
}

function notSerializable(reason: string): TaskAnswer {
  return failureAnswer(
    WorkerErrorCodes.outputNotSerializable,
    `${reason} Return plain JSON data: objects, arrays, strings, finite numbers, booleans and null, without cycles; convert BigInt values to strings.`,
  );
}
