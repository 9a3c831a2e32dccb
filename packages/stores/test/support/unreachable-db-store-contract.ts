import { createServer, type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StoreOperationError, type DbStore } from '@bevault-workers/stores';

import { readAll } from './db-store-contract';

/**
 * Returns a loopback port that nothing listens on, found by opening a server on a free port and
 * closing it, so a connection to it is refused.
 */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Checks that every operation of a database store that cannot connect rejects with a
 * {@link StoreOperationError} naming the store and the operation, the driver error as `cause`,
 * and without `secret` anywhere in the message or stack. `createStore` runs once, before the tests.
 */
export function describeUnreachableDbStore(createStore: () => Promise<DbStore> | DbStore, options: { secret: string; reason: RegExp }): void {
  let store: DbStore;

  beforeAll(async () => {
    store = await createStore();
  });

  afterAll(async () => {
    await store.close();
  });

  function expectOperationError(error: unknown, operation: string): void {
    expect(error).toBeInstanceOf(StoreOperationError);
    expect((error as StoreOperationError).storeName).toBe(store.name);
    expect((error as Error).message).toMatch(new RegExp(`^Store '${store.name}' failed to ${operation}: `));
    expect((error as Error).message).toMatch(options.reason);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(String((error as Error).stack)).not.toContain(options.secret);
    expect(String(((error as Error).cause as Error).stack)).not.toContain(options.secret);
  }

  describe('when the server cannot be reached', () => {
    it('wraps the connection error of query', async () => {
      expectOperationError(await store.query('select 1').catch((caught: unknown) => caught), 'run a query');
    });

    it('wraps the connection error of execute', async () => {
      expectOperationError(await store.execute('select 1').catch((caught: unknown) => caught), 'execute a statement');
    });

    it('wraps the connection error of ping', async () => {
      expectOperationError(await store.ping().catch((caught: unknown) => caught), 'run a query');
    });

    it('wraps the connection error of stream', async () => {
      expectOperationError(await readAll(store.stream('select 1')).catch((caught: unknown) => caught), 'stream query results');
    });

    it('wraps the connection error of bulkInsert', async () => {
      expectOperationError(await store.bulkInsert('rows', [{ id: 1 }]).catch((caught: unknown) => caught), `bulk insert into 'rows'`);
    });

    it('wraps the connection error of transaction without running the callback', async () => {
      let ran = false;
      const error = await store
        .transaction(async () => {
          ran = true;
        })
        .catch((caught: unknown) => caught);
      expectOperationError(error, 'run a transaction');
      expect(ran).toBe(false);
    });
  });
}
