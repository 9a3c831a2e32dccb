import { setTimeout as sleep } from 'node:timers/promises';

import { Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';

/** Input of {@link EchoWorker}; no `@Input` class, so it arrives as parsed JSON. */
export interface EchoInput {
  /** Time the handler takes, in milliseconds. @defaultValue 0 */
  readonly ms?: number;
  /** Whether the wait stops when the task's signal aborts. @defaultValue false */
  readonly honourSignal?: boolean;
  /** Value returned as `{ value }`. */
  readonly value?: unknown;
}

/**
 * Waits `ms` and returns the input's `value`: the steady load of the shutdown,
 * fault and soak tests. With `honourSignal`, the wait ends when the signal
 * aborts, and the handler logs the abort reason. Without it, the handler
 * ignores its signal, as careless handlers do.
 */
@Worker('rel_echo', { concurrency: 4, maxPollers: 2 })
export class EchoWorker implements WorkerHandler<EchoInput, { value: unknown }> {
  async handle(input: EchoInput, task: TaskContext): Promise<{ value: unknown }> {
    const ms = input.ms ?? 0;

    if (input.honourSignal === true) {
      try {
        await sleep(ms, undefined, { signal: task.signal });
      } catch (error) {
        task.logger.info('Handler stopped by its signal', { reason: task.signal.reason as unknown });
        throw error;
      }
    } else if (ms > 0) {
      await sleep(ms);
    }

    return { value: input.value ?? null };
  }
}
