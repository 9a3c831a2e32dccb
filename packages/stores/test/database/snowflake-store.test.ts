import { describe, expect, it } from 'vitest';

import { SnowflakeStore, StoreConfigurationError, StoreOperationError } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { useClosingTcpServer } from '../support/closing-tcp-server';

/** Returns the options the store gives snowflake-sdk, read from its knex client. */
function driverOptions(store: SnowflakeStore): Record<string, unknown> {
  return (store.knex.client as { connectionSettings: Record<string, unknown> }).connectionSettings;
}

describe(SnowflakeStore.name, () => {
  describe('configuration', () => {
    it('maps the discrete keys of the Python library', async () => {
      const store = buildStore<SnowflakeStore>({
        Name: 'sf',
        Type: 'snowflake',
        Config: { AccountIdentifier: 'xy12345.eu-west-1', UserName: 'loader', Password: 'pw', DbName: 'DV', Warehouse: 'WH', Schema: 'RAW', Role: 'ETL' },
      });
      // knex hides the password from enumeration; it is still handed to the driver.
      expect(driverOptions(store).password).toBe('pw');
      expect(driverOptions(store)).toEqual({
        account: 'xy12345.eu-west-1',
        username: 'loader',
        database: 'DV',
        warehouse: 'WH',
        schema: 'RAW',
        role: 'ETL',
        application: 'bevault-workers',
      });
      await store.close();
    });

    it('derives the account from a custom host and defaults the port to 443', async () => {
      const store = buildStore<SnowflakeStore>({
        Name: 'sf',
        Type: 'snowflake',
        Config: { host: 'org-acct.privatelink.snowflakecomputing.com', user: 'u', password: 'p', database: 'D' },
      });
      expect(driverOptions(store)).toMatchObject({ account: 'org-acct', host: 'org-acct.privatelink.snowflakecomputing.com', port: 443 });
      await store.close();
    });

    it('reads a snowflake:// connection string and ignores the discrete keys', async () => {
      const store = buildStore<SnowflakeStore>({
        Name: 'sf',
        Type: 'snowflake',
        Config: { conninfo: 'snowflake://loader:p%40ss@xy12345/DV?warehouse=WH&role=ETL', database: 'IGNORED' },
      });
      expect(driverOptions(store).password).toBe('p@ss');
      expect(driverOptions(store)).toEqual({
        account: 'xy12345',
        username: 'loader',
        database: 'DV',
        warehouse: 'WH',
        role: 'ETL',
        application: 'bevault-workers',
      });
      await store.close();
    });

    it('reads the host of a private link from the connection string query', async () => {
      const store = buildStore<SnowflakeStore>({ Name: 'sf', Type: 'snowflake', Config: { ConnectionString: 'snowflake://u:p@/DB?host=acct.privatelink.snowflakecomputing.com' } });
      expect(driverOptions(store)).toMatchObject({ account: 'acct', host: 'acct.privatelink.snowflakecomputing.com', port: 443, database: 'DB' });
      await store.close();
    });

    it('rejects a connection string of another scheme', () => {
      expect(() => buildStore({ Name: 'sf', Type: 'snowflake', Config: { ConnectionString: 'postgres://u:p@h/db' } })).toThrow(
        new StoreConfigurationError(
          "The connection string of store 'sf' must be a snowflake:// URL, like snowflake://user:password@account/DATABASE?warehouse=WH.",
        ),
      );
    });

    it('lists every missing key', () => {
      expect(() => buildStore({ Name: 'sf', Type: 'snowflake', Config: { Warehouse: 'WH' } })).toThrow(
        new StoreConfigurationError("Store 'sf' needs Host or Account, Username, Password, Database in its Config when no ConnectionString is set."),
      );
    });

    it('leaves plain identifiers unquoted so Snowflake folds them to upper case', async () => {
      const store = buildStore<SnowflakeStore>({ Name: 'sf', Type: 'snowflake', Config: { account: 'a', user: 'u', password: 'p', database: 'd' } });
      expect(store.knex('orders').insert([{ id: 1, 'Mixed Case': 'x' }]).toQuery()).toBe(`insert into orders ("Mixed Case", id) values ('x', 1)`);
      await store.close();
    });
  });

  describe('connection errors', () => {
    const port = useClosingTcpServer();

    it('wraps a failed login in StoreOperationError without the password', async () => {
      const store = buildStore<SnowflakeStore>({
        Name: 'sf',
        Type: 'snowflake',
        Config: { host: '127.0.0.1', port: port(), user: 'u', password: 'secret-password-value', database: 'd', loginRetries: 0, connectTimeoutSeconds: 20 },
      });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'sf' failed to run a query: /);
      expect(String(error?.stack)).not.toContain('secret-password-value');
      await store.close();
    });
  });
});
