import { join } from 'node:path';

import { suiteSecrets } from './suite-secrets';

/** Folders and ports the store definitions of {@link buildStoreConfig} point at. */
export interface StoreConfigTargets {
  /** Folder of the SQLite file and of the two file stores. */
  readonly dataDirectory: string;
  /** A loopback port nothing listens on: the remote stores fail their health checks there. */
  readonly closedPort: number;
}

/**
 * Builds the `STORE_CONFIG` JSON of the suite's applications. The SQLite and
 * file stores work. The PostgreSQL, SQL Server and SFTP stores carry the
 * suite's secrets and point at a closed port with health checks every second,
 * so their connection errors are logged again and again while the suite
 * searches the logs for those secrets.
 */
export function buildStoreConfig(targets: StoreConfigTargets): string {
  const { dataDirectory, closedPort } = targets;
  const failingHealthCheck = { HealthCheck: true, HealthCheckDelaySeconds: 1 };

  return JSON.stringify([
    { Name: 'ledger', Type: 'sqlite', Config: { Path: join(dataDirectory, 'ledger.db') } },
    { Name: 'files', Type: 'file', Config: { BasePath: join(dataDirectory, 'files') } },
    { Name: 'archive', Type: 'file', Config: { BasePath: join(dataDirectory, 'archive') } },
    {
      Name: 'warehouse',
      Type: 'postgresql',
      Config: { Host: '127.0.0.1', Port: closedPort, Database: 'dwh', Username: 'etl', Password: suiteSecrets.warehousePassword },
      ...failingHealthCheck,
    },
    {
      Name: 'reporting',
      Type: 'postgresql',
      Config: { ConnectionString: `postgres://etl:${suiteSecrets.reportingUrlPassword}@127.0.0.1:${closedPort}/reports` },
      ...failingHealthCheck,
    },
    {
      Name: 'mssql',
      Type: 'sqlserver',
      Config: { ConnectionString: `Server=127.0.0.1,${closedPort};Database=stage;User Id=sa;Password=${suiteSecrets.sqlServerPassword};Encrypt=false` },
      ...failingHealthCheck,
    },
    {
      Name: 'dropbox',
      Type: 'sftp',
      Config: { Host: '127.0.0.1', Port: closedPort, Username: 'drop', Password: suiteSecrets.sftpPassword },
      ...failingHealthCheck,
    },
  ]);
}
