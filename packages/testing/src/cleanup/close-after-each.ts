/**
 * Something the testing helpers start and a test must close.
 *
 * @public
 */
export interface Closable {
  close(): Promise<void>;
}

/**
 * A test runner's `afterEach`: vitest's, node:test's, Jest's or Mocha's.
 *
 * @public
 */
export type AfterEachHook = (hook: () => Promise<void>) => unknown;

/**
 * Registers one `afterEach` hook that closes every app and environment handed
 * to the returned function during the test, even when the test failed: one
 * after the other, the last one registered first, as `await using` does.
 * Closing one that is already closed does nothing.
 *
 * @example
 * ```ts
 * import { afterEach } from 'vitest'; // or 'node:test'
 * const closeLater = closeAfterEach(afterEach);
 *
 * it('greets', async () => {
 *   const app = closeLater(await Test.createWorkerApp({ workers: [GreetWorker] }).compile());
 *   // ...
 * });
 * ```
 *
 * @public
 */
export function closeAfterEach(afterEach: AfterEachHook): <T extends Closable>(resource: T) => T {
  const open = new Set<Closable>();

  afterEach(async () => {
    const resources = [...open].reverse();
    open.clear();

    const failures: unknown[] = [];
    for (const resource of resources) {
      try {
        await resource.close();
      } catch (error) {
        failures.push(error);
      }
    }

    if (failures.length > 0) {
      throw new AggregateError(failures, `Closing ${failures.length} of ${resources.length} testing resources failed after the test.`);
    }
  });

  return (resource) => {
    open.add(resource);
    return resource;
  };
}
