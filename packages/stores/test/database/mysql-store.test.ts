import { describe, expect, it } from 'vitest';

import { MysqlStore, StoreOperationError } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeDbStoreContract } from '../support/db-store-contract';
import { describeWithService } from '../support/services';
import { closedLoopbackPort, describeUnreachableDbStore } from '../support/unreachable-db-store-contract';

describeWithService(MysqlStore.name, { variables: ['BVW_TEST_MYSQL_URL'], script: '.ci/services/mariadb.sh' }, (env) => {
  const url = new URL(env.BVW_TEST_MYSQL_URL!);
  const discrete = {
    Server: url.hostname,
    Port: Number(url.port),
    Uid: decodeURIComponent(url.username),
    Pwd: decodeURIComponent(url.password),
    Database: url.pathname.slice(1),
  };

  describe('from a connection string', () => {
    describeDbStoreContract(() => buildStore<MysqlStore>({ Name: 'maria', Type: 'mysql', Config: { ConnectionString: env.BVW_TEST_MYSQL_URL } }), {
      table: `contract_${process.pid}`,
    });
  });

  describe('on a closed port', () => {
    describeUnreachableDbStore(
      async () =>
        buildStore<MysqlStore>({
          Name: 'maria-down',
          Type: 'mysql',
          Config: { Server: '127.0.0.1', Port: await closedLoopbackPort(), Uid: 'bvw', Pwd: 'unreachable-secret-value' },
        }),
      { secret: 'unreachable-secret-value', reason: /ECONNREFUSED/ },
    );
  });

  describe('with a wrong password', () => {
    describeUnreachableDbStore(() => buildStore<MysqlStore>({ Name: 'maria-auth', Type: 'mysql', Config: { ...discrete, Pwd: 'wrong-secret-value' } }), {
      secret: 'wrong-secret-value',
      reason: /Access denied for user 'bvw'/,
    });
  });

  describe('from discrete keys', () => {
    it('connects with ADO.NET-style keys', async () => {
      const store = buildStore<MysqlStore>({ Name: 'maria', Type: 'mariadb', Config: discrete });
      expect(await store.query('select database() as db')).toEqual([{ db: discrete.Database }]);
      await store.close();
    });

    it('connects with a Server=...;Uid=... connection string', async () => {
      const text = `Server=${discrete.Server};Port=${discrete.Port};Database=${discrete.Database};Uid=${discrete.Uid};Pwd=${discrete.Pwd}`;
      const store = buildStore<MysqlStore>({ Name: 'maria', Type: 'mysql', Config: { ConnectionString: text } });
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });

    it('stores four-byte characters', async () => {
      const store = buildStore<MysqlStore>({ Name: 'maria', Type: 'mysql', Config: discrete });
      expect(await store.query('select ? as text', ['naïve 🚀'])).toEqual([{ text: 'naïve 🚀' }]);
      await store.close();
    });

    it('reports a wrong password without showing it', async () => {
      const store = buildStore<MysqlStore>({ Name: 'maria', Type: 'mysql', Config: { ...discrete, Pwd: 'wrong-password-value' } });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'maria' failed to run a query: Access denied for user 'bvw'/);
      expect(String(error?.stack)).not.toContain('wrong-password-value');
      await store.close();
    });
  });
});
