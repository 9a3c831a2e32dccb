import { describe, expect, it } from 'vitest';

import { PostgresStore, StoreOperationError } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeDbStoreContract } from '../support/db-store-contract';
import { describeWithService } from '../support/services';
import { closedLoopbackPort, describeUnreachableDbStore } from '../support/unreachable-db-store-contract';

describeWithService(PostgresStore.name, { variables: ['BVW_TEST_POSTGRES_URL'], script: '.ci/services/postgres.sh' }, (env) => {
  const url = new URL(env.BVW_TEST_POSTGRES_URL!);
  const table = `contract_${process.pid}`;

  describe('from a connection string', () => {
    describeDbStoreContract(() => buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { ConnectionString: env.BVW_TEST_POSTGRES_URL } }), {
      table,
    });
  });

  describe('on a closed port', () => {
    describeUnreachableDbStore(
      async () =>
        buildStore<PostgresStore>({
          Name: 'pg-down',
          Type: 'postgresql',
          Config: { Host: '127.0.0.1', Port: await closedLoopbackPort(), User: 'bvw', Password: 'unreachable-secret-value' },
        }),
      { secret: 'unreachable-secret-value', reason: /ECONNREFUSED 127\.0\.0\.1:\d+/ },
    );
  });

  describe('with a wrong password', () => {
    describeUnreachableDbStore(
      () => buildStore<PostgresStore>({ Name: 'pg-auth', Type: 'postgresql', Config: { ConnectionString: withPassword(env.BVW_TEST_POSTGRES_URL!, 'wrong-secret-value') } }),
      { secret: 'wrong-secret-value', reason: /password authentication failed for user "bvw"/ },
    );
  });

  describe('from discrete keys', () => {
    const discrete = {
      Host: url.hostname,
      Port: url.port,
      UserName: decodeURIComponent(url.username),
      Password: decodeURIComponent(url.password),
      Database: url.pathname.slice(1),
    };

    it('connects with the keys the Python library uses', async () => {
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgres', Config: discrete });
      expect(await store.query('select current_database() as db, current_user as who')).toEqual([{ db: discrete.Database, who: discrete.UserName }]);
      await store.close();
    });

    it('connects with an Npgsql connection string', async () => {
      const npgsql = `Host=${discrete.Host};Port=${discrete.Port};Username=${discrete.UserName};Password=${discrete.Password};Database=${discrete.Database}`;
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { connectionString: npgsql } });
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });

    it('connects with a libpq conninfo string', async () => {
      const conninfo = `host=${discrete.Host} port=${discrete.Port} user=${discrete.UserName} password='${discrete.Password}' dbname=${discrete.Database}`;
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { conninfo } });
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });

    it('reports a wrong password without showing it', async () => {
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { ...discrete, Password: 'wrong-password-value' } });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'pg' failed to run a query: password authentication failed for user "bvw"/);
      expect(String(error?.stack)).not.toContain('wrong-password-value');
      await store.close();
    });
  });

  describe('bulkInsert', () => {
    it('copies dates, booleans, JSON, bytes and empty strings faithfully', async () => {
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { ConnectionString: env.BVW_TEST_POSTGRES_URL } });
      const copyTable = `copy_types_${process.pid}`;
      await store.execute(`drop table if exists ${copyTable}`);
      await store.execute(`create table ${copyTable} (at timestamptz, flag boolean, doc jsonb, data bytea, label text)`);
      const at = new Date('2024-05-06T07:08:09.123Z');
      await store.bulkInsert(copyTable, [
        { at, flag: true, doc: { a: [1, 'two'] }, data: Buffer.from([0, 255, 16]), label: '' },
        { at: null, flag: false, doc: null, data: null, label: null },
      ]);

      const rows = await store.query<{ at: Date | null; flag: boolean; doc: unknown; data: Buffer | null; label: string | null }>(
        `select * from ${copyTable} order by flag desc`,
      );
      expect(rows[0]).toEqual({ at, flag: true, doc: { a: [1, 'two'] }, data: Buffer.from([0, 255, 16]), label: '' });
      expect(rows[1]).toEqual({ at: null, flag: false, doc: null, data: null, label: null });
      await store.execute(`drop table ${copyTable}`);
      await store.close();
    });

    it('fails on a missing column and keeps the store usable', async () => {
      const store = buildStore<PostgresStore>({ Name: 'pg', Type: 'postgresql', Config: { ConnectionString: env.BVW_TEST_POSTGRES_URL, poolMax: 1 } });
      await expect(store.bulkInsert('no_such_table_bvw', [{ a: 1 }])).rejects.toThrow(
        /^Store 'pg' failed to bulk insert into 'no_such_table_bvw': relation "no_such_table_bvw" does not exist/,
      );
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });
  });
});

/** Returns a database URL with its password replaced. */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}
