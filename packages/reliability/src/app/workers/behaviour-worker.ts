import { Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';

/** Misbehaviour {@link BehaviourWorker} shows on a task. */
export type Behaviour =
  | 'return-input'
  | 'throw-string'
  | 'throw-undefined'
  | 'throw-object'
  | 'throw-long-message'
  | 'big-output'
  | 'bigint-output'
  | 'cyclic-output'
  | 'never-settle'
  | 'timer-throw'
  | 'unhandled-rejection';

/** Input of {@link BehaviourWorker}. */
export interface BehaviourInput {
  readonly behaviour?: Behaviour;
  /** For `timer-throw` and `unhandled-rejection`: delay before the error, in milliseconds. @defaultValue 50 */
  readonly delayMs?: number;
}

/** Length of the message `throw-long-message` throws. */
export const longMessageLength = 40_000;

/** Size of the string `big-output` returns, in bytes: over the 262,144 bytes an answer may carry. */
export const bigOutputBytes = 300 * 1024;

/**
 * A handler that misbehaves on request. It throws values that are not errors
 * or a 40,000-character message, returns outputs that are too large or cannot
 * be serialized, or never settles. It can also return at once and then throw
 * from a timer callback or leave a promise rejection unhandled. The input arrives as parsed JSON (no `@Input` class).
 */
@Worker('rel_behaviour', { concurrency: 3, maxPollers: 1 })
export class BehaviourWorker implements WorkerHandler<BehaviourInput, unknown> {
  handle(input: BehaviourInput, task: TaskContext): unknown {
    switch (input.behaviour ?? 'return-input') {
      case 'return-input':
        return input;
      case 'throw-string':
        throw 'the handler threw a plain string';
      case 'throw-undefined':
        throw undefined;
      case 'throw-object':
        throw { code: 42, detail: 'a plain object' };
      case 'throw-long-message':
        throw new RangeError('m'.repeat(longMessageLength));
      case 'big-output':
        return { data: 'x'.repeat(bigOutputBytes) };
      case 'bigint-output':
        return { rows: 10n };
      case 'cyclic-output':
        return cyclicValue();
      case 'never-settle':
        return new Promise<never>(() => undefined);
      case 'timer-throw':
        return scheduleThrow(input.delayMs ?? 50, task);
      case 'unhandled-rejection':
        return scheduleRejection(input.delayMs ?? 50, task);
    }
  }
}

function cyclicValue(): object {
  const parent: { name: string; self?: object } = { name: 'parent' };
  parent.self = parent;
  return parent;
}

/** Returns at once; the timer then throws outside any promise the runtime awaits. */
function scheduleThrow(delayMs: number, task: TaskContext): { scheduled: true } {
  setTimeout(() => {
    throw new Error(`Timer callback of task ${task.taskId} failed`);
  }, delayMs);

  return { scheduled: true };
}

/** Returns at once; the timer then creates a rejected promise that nothing handles. */
function scheduleRejection(delayMs: number, task: TaskContext): { scheduled: true } {
  setTimeout(() => {
    void Promise.reject(new Error(`Promise of task ${task.taskId} rejected unhandled`));
  }, delayMs);

  return { scheduled: true };
}
