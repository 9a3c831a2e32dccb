import { describe, expect, it } from 'vitest';

import { SqlServerStore, StoreOperationError } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { useClosingTcpServer } from '../support/closing-tcp-server';

/** Returns the connection settings the store gives knex's mssql client. */
function connectionOf(store: SqlServerStore): Record<string, unknown> {
  return (store.knex.client as { connectionSettings: Record<string, unknown> }).connectionSettings;
}

describe(SqlServerStore.name, () => {
  describe('configuration', () => {
    it('maps the discrete keys with ODBC Driver 18 defaults', async () => {
      const store = buildStore<SqlServerStore>({
        Name: 'mssql',
        Type: 'sqlserver',
        Config: { Server: 'db.local', Port: '1444', UserId: 'loader', Password: 'pw', DbName: 'dv' },
      });
      expect(connectionOf(store)).toMatchObject({
        server: 'db.local',
        port: 1444,
        user: 'loader',
        database: 'dv',
        requestTimeout: 0,
        options: { encrypt: true, trustServerCertificate: false, appName: 'bevault-workers' },
      });
      expect(connectionOf(store).password).toBe('pw');
      await store.close();
    });

    it('reads an ADO.NET connection string with host,port and an instance name', async () => {
      const store = buildStore<SqlServerStore>({
        Name: 'mssql',
        Type: 'mssql',
        Config: {
          ConnectionString: 'Server=tcp:db.local\\DW,1450;Initial Catalog=dv;User Id=loader;Password="p;w";Encrypt=False;TrustServerCertificate=True;Command Timeout=60',
          Host: 'ignored-because-the-connection-string-wins',
        },
      });
      expect(connectionOf(store)).toMatchObject({
        server: 'db.local',
        port: 1450,
        user: 'loader',
        database: 'dv',
        requestTimeout: 60_000,
        options: { encrypt: false, trustServerCertificate: true, instanceName: 'DW' },
      });
      expect(connectionOf(store).password).toBe('p;w');
      await store.close();
    });

    it('reads an ODBC connection string as the Python library builds it', async () => {
      const store = buildStore<SqlServerStore>({
        Name: 'mssql',
        Type: 'SQLServer',
        Config: { connectionString: 'DRIVER={ODBC Driver 18 for SQL Server};SERVER=127.0.0.1,1433;DATABASE=dv;UID=sa;PWD={x}};y};Encrypt=yes;TrustServerCertificate=yes' },
      });
      expect(connectionOf(store)).toMatchObject({ server: '127.0.0.1', port: 1433, user: 'sa', options: { encrypt: true, trustServerCertificate: true } });
      expect(connectionOf(store).password).toBe('x};y');
      await store.close();
    });

    it('accepts the ODBC-only driver keys and ignores them', async () => {
      const store = buildStore<SqlServerStore>({ Name: 'mssql', Type: 'sqlserver', Config: { host: 'h', driver: 'ODBC Driver 17 for SQL Server', encrypt: 'no' } });
      expect(connectionOf(store)).toMatchObject({ server: 'h', port: 1433, options: { encrypt: false } });
      await store.close();
    });

    it('caps multi-row inserts under the 2100 parameter limit', async () => {
      const store = buildStore<SqlServerStore>({ Name: 'mssql', Type: 'sqlserver', Config: { host: 'h' } });
      const statement = store.knex('t').insert(Array.from({ length: 3 }, (_, id) => ({ id, name: 'n' }))).toSQL();
      expect(statement.bindings).toHaveLength(6);
      expect((store as unknown as { maxBindingsPerStatement: number }).maxBindingsPerStatement).toBe(2000);
      await store.close();
    });
  });

  describe('connection errors', () => {
    const port = useClosingTcpServer();

    it('wraps a failed connection in StoreOperationError without the password', async () => {
      const store = buildStore<SqlServerStore>({
        Name: 'mssql',
        Type: 'sqlserver',
        Config: { host: '127.0.0.1', port: port(), user: 'sa', password: 'secret-password-value', connectTimeoutSeconds: 5 },
      });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'mssql' failed to run a query: /);
      expect(String(error?.stack)).not.toContain('secret-password-value');
      await store.close();
    });
  });
});
