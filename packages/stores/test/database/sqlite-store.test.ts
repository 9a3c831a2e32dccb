import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SqliteStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeDbStoreContract } from '../support/db-store-contract';
import { useTempDirs } from '../support/temp-dir';
import { describeUnreachableDbStore } from '../support/unreachable-db-store-contract';

describe(SqliteStore.name, () => {
  describe('on a file', () => {
    const dir = join(process.env.TMPDIR ?? '/tmp', `bvw-sqlite-${process.pid}`);
    describeDbStoreContract(() => buildStore<SqliteStore>({ Name: 'lite', Type: 'sqlite', Config: { Path: join(dir, 'nested', 'test.db') } }), {
      table: 'contract_rows',
    });
  });

  describe('in memory', () => {
    describeDbStoreContract(() => buildStore<SqliteStore>({ Name: 'mem', Type: 'sqlite', Config: {} }), { table: 'contract_rows' });
  });

  describe('on a read-only path that does not exist', () => {
    const path = join(process.env.TMPDIR ?? '/tmp', `bvw-sqlite-missing-${process.pid}`, 'missing.db');
    describeUnreachableDbStore(() => buildStore<SqliteStore>({ Name: 'lite-missing', Type: 'sqlite', Config: { Path: path, ReadOnly: true } }), {
      secret: 'no secret in a SQLite configuration',
      reason: /./,
    });
  });

  describe('configuration', () => {
    const tempDir = useTempDirs();

    it('defaults to an in-memory database', () => {
      expect(buildStore<SqliteStore>({ Name: 'm', Type: 'sqlite', Config: {} }).filename).toBe(':memory:');
    });

    it.each([
      ['Path', { Path: 'a.db' }],
      ['Filename', { filename: 'a.db' }],
      ['Database', { DATABASE: 'a.db' }],
      ['Data Source connection string', { ConnectionString: 'Data Source=a.db;Cache=Shared' }],
      ['plain connection string', { conninfo: 'a.db' }],
    ])('reads the file from %s', (_case, config) => {
      expect(buildStore<SqliteStore>({ Name: 'f', Type: 'sqlite', Config: config }).filename).toBe(join(process.cwd(), 'a.db'));
    });

    it('does not create the file before the first statement', async () => {
      const path = join(tempDir(), 'lazy', 'db.sqlite');
      const store = buildStore<SqliteStore>({ Name: 'lazy', Type: 'sqlite', Config: { path } });
      expect(existsSync(path)).toBe(false);
      await store.ping();
      expect(existsSync(path)).toBe(true);
      await store.close();
    });

    it('keeps an in-memory database across statements', async () => {
      const store = buildStore<SqliteStore>({ Name: 'm', Type: 'sqlite', Config: { path: ':memory:' } });
      await store.execute('create table t (x integer)');
      await store.execute('insert into t values (?)', [7]);
      expect(await store.query('select x from t')).toEqual([{ x: 7 }]);
      await store.close();
    });

    it('rejects operations after close', async () => {
      const store = buildStore<SqliteStore>({ Name: 'm', Type: 'sqlite', Config: {} });
      await store.close();
      await expect(store.query('select 1')).rejects.toThrow(`Store 'm' is closed: cannot create a connection.`);
    });
  });
});
