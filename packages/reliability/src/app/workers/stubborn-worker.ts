import { Worker, type WorkerHandler } from '@bevault-workers/core';

/** A handler that ignores its signal and never settles: only the shutdown's grace period ends its task. */
@Worker('rel_stubborn', { concurrency: 1, maxPollers: 1 })
export class StubbornWorker implements WorkerHandler<unknown, never> {
  handle(): Promise<never> {
    return new Promise<never>(() => undefined);
  }
}
