import { WorkerAppBuilder, type TestingAppOptions } from './worker-app-builder';

/**
 * Entry point of the testing app, named after NestJS's `Test`.
 *
 * @example
 * ```ts
 * const app = await Test.createWorkerApp({ workers: [GreetWorker] }).compile();
 * expect(await app.run('greet', { name: 'Ada' })).toEqual({ status: 'succeeded', output: 'Hello Ada', rawOutput: '"Hello Ada"' });
 * await app.close();
 * ```
 *
 * @public
 */
export const Test = {
  /** Starts building a testing app from worker classes, providers, stores and settings. */
  createWorkerApp(options: TestingAppOptions): WorkerAppBuilder {
    return new WorkerAppBuilder(options);
  },
} as const;
