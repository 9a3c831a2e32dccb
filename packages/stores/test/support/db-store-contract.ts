import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StoreOperationError, type DbStore } from '@bevault-workers/stores';

/**
 * Behaviour every database store shares, run against a real server. `createStore` returns a
 * store connected to an empty test database; the suite creates its own tables, drops them and
 * closes the store at the end. `table` is a table name unique to this run.
 */
export function describeDbStoreContract(createStore: () => DbStore, options: { table: string; intType?: string; textType?: string }): void {
  const table = options.table;
  const textType = options.textType ?? 'varchar(200)';
  const intType = options.intType ?? 'integer';
  let store: DbStore;

  beforeAll(async () => {
    store = createStore();
    await store.execute(`drop table if exists ${table}`);
    await store.execute(`create table ${table} (id ${intType} primary key, name ${textType}, amount ${intType})`);
  });

  afterAll(async () => {
    await store.execute(`drop table if exists ${table}`);
    await store.close();
  });

  describe('execute and query', () => {
    it('inserts with positional bindings and returns the affected row count', async () => {
      expect(await store.execute(`insert into ${table} (id, name, amount) values (?, ?, ?), (?, ?, ?)`, [1, 'alpha', 10, 2, 'beta', 20])).toBe(2);
      expect(await store.query(`select id, name, amount from ${table} where id <= ? order by id`, [2])).toEqual([
        { id: 1, name: 'alpha', amount: 10 },
        { id: 2, name: 'beta', amount: 20 },
      ]);
    });

    it('binds named values', async () => {
      expect(await store.query(`select name from ${table} where id = :id`, { id: 2 })).toEqual([{ name: 'beta' }]);
    });

    it('passes a hostile value as data, never as SQL', async () => {
      const hostile = `x'); drop table ${table}; --`;
      await store.execute(`insert into ${table} (id, name, amount) values (?, ?, ?)`, [3, hostile, 0]);
      expect(await store.query(`select name from ${table} where id = ?`, [3])).toEqual([{ name: hostile }]);
    });

    it('returns 0 from an update that matches nothing and the count otherwise', async () => {
      expect(await store.execute(`update ${table} set amount = amount + 1 where id = ?`, [999])).toBe(0);
      expect(await store.execute(`update ${table} set amount = amount + 1 where id in (?, ?)`, [1, 2])).toBe(2);
    });

    it('wraps a failing statement in StoreOperationError with the driver error as cause', async () => {
      const error = await store.query('select * from table_that_does_not_exist_bvw').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect((error as Error).message).toMatch(new RegExp(`^Store '${store.name}' failed to run a query: `));
      expect((error as Error).cause).toBeInstanceOf(Error);
    });
  });

  describe('transaction', () => {
    it('commits when the callback resolves', async () => {
      await store.transaction(async (trx) => {
        await trx.execute(`insert into ${table} (id, name, amount) values (?, ?, ?)`, [10, 'committed', 1]);
        expect(await trx.query(`select count(*) as n from ${table} where id = ?`, [10])).toHaveLength(1);
      });
      expect(await store.query(`select name from ${table} where id = ?`, [10])).toEqual([{ name: 'committed' }]);
    });

    it('rolls back and rethrows the callback error', async () => {
      const abort = new Error('abort');
      const error = await store
        .transaction(async (trx) => {
          await trx.execute(`insert into ${table} (id, name, amount) values (?, ?, ?)`, [11, 'rolled back', 1]);
          throw abort;
        })
        .catch((caught: unknown) => caught);
      expect(error).toBe(abort);
      expect(await store.query(`select name from ${table} where id = ?`, [11])).toEqual([]);
    });

    it('rejects with a failing statement error', async () => {
      const error = await store.transaction((trx) => trx.query('select * from table_that_does_not_exist_bvw')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect((error as Error).message).toMatch(new RegExp(`^Store '${store.name}' failed to run a query: `));
    });

    it('gives the knex transaction for the query builder', async () => {
      await store.transaction(async (trx) => {
        await trx.knex(table).insert({ id: 12, name: 'builder', amount: 5 });
      });
      expect(await store.knex(table).where({ id: 12 }).select('name')).toEqual([{ name: 'builder' }]);
    });
  });

  describe('bulkInsert and stream', () => {
    it('inserts 5000 rows from an async iterable and streams them back in order', async () => {
      async function* rows() {
        for (let i = 0; i < 5000; i++) {
          yield { id: 1000 + i, name: `row ${i}`, amount: i };
        }
      }
      expect(await store.bulkInsert(table, rows())).toBe(5000);

      let count = 0;
      let sum = 0;
      let previous = -1;
      for await (const row of store.stream<{ id: number; amount: number }>(`select id, amount from ${table} where id >= ? order by id`, [1000])) {
        expect(Number(row.id)).toBeGreaterThan(previous);
        previous = Number(row.id);
        sum += Number(row.amount);
        count += 1;
      }
      expect(count).toBe(5000);
      expect(sum).toBe((4999 * 5000) / 2);
    });

    it('inserts the given columns only, with null for missing values', async () => {
      expect(await store.bulkInsert(table, [{ id: 20000, name: 'only name', ignored: true }], { columns: ['id', 'name'] })).toBe(1);
      expect(await store.query(`select name, amount from ${table} where id = ?`, [20000])).toEqual([{ name: 'only name', amount: null }]);
    });

    it('handles quotes, separators, newlines and nulls in text', async () => {
      const awkward = 'a,"b";\tc\nd\\e';
      await store.bulkInsert(table, [{ id: 20001, name: awkward, amount: null }]);
      expect(await store.query(`select name, amount from ${table} where id = ?`, [20001])).toEqual([{ name: awkward, amount: null }]);
    });

    it('inserts nothing from an empty source', async () => {
      expect(await store.bulkInsert(table, [])).toBe(0);
    });

    it('wraps a failing bulk insert', async () => {
      const error = await store.bulkInsert('table_that_does_not_exist_bvw', [{ id: 1 }]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect((error as Error).message).toMatch(new RegExp(`^Store '${store.name}' failed to bulk insert into 'table_that_does_not_exist_bvw': `));
      expect((error as Error).cause).toBeInstanceOf(Error);
    });

    it('wraps the error of a failing stream', async () => {
      const error = await readAll(store.stream('select * from table_that_does_not_exist_bvw')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect((error as Error).message).toMatch(new RegExp(`^Store '${store.name}' failed to stream query results: `));
      expect((error as Error).cause).toBeInstanceOf(Error);
    });

    it('releases a stream destroyed early', async () => {
      const stream = store.stream<{ id: number }>(`select id from ${table} where id >= ? order by id`, [1000]);
      for await (const row of stream) {
        expect(Number(row.id)).toBe(1000);
        break;
      }
      expect(stream.destroyed).toBe(true);
      expect(await store.query(`select name from ${table} where id = ?`, [1000])).toEqual([{ name: 'row 0' }]);
    });
  });

  describe('ping and close', () => {
    it('pings the server', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** Reads a stream to its end and returns its rows. */
export async function readAll<Row>(stream: AsyncIterable<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of stream) {
    rows.push(row);
  }
  return rows;
}
