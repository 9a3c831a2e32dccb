import type { Knex } from 'knex';

import type { StoreContext } from '../stores/store-context';
import { KnexDbStore } from './knex-db-store';
import { readServerConnection, type ServerConnection } from './server-connection';
import { readSslMode, type DriverSsl } from './ssl-mode';

/** Default MySQL and MariaDB port. @public */
export const DEFAULT_MYSQL_PORT = 3306;

/**
 * MySQL or MariaDB database on knex and mysql2 (type `mysql`, aliases `mariadb`, `mysql2`).
 *
 * Config: `ConnectionString` (alias `conninfo`; a `mysql://` or `mariadb://` URL, or a
 * `Server=...;Uid=...;` string) wins when non-empty; otherwise `Host` (alias `Server`), `Port`
 * (3306), `User` (aliases `Username`, `UserId`, `Uid`), `Password` (alias `Pwd`), `DbName`
 * (alias `Database`), `SslMode`, and the pool keys of every database store. Connections use the
 * utf8mb4 character set.
 * @public
 */
export class MysqlStore extends KnexDbStore {
  private readonly connection: ServerConnection;
  private readonly ssl: DriverSsl;

  constructor(context: StoreContext) {
    super(context);
    this.connection = readServerConnection(this.settings, ['mysql', 'mariadb']);
    this.ssl = readSslMode(this.settings, this.connection.options);
    // The protocol allows 65535 placeholders per prepared statement.
    this.maxBindingsPerStatement = 60_000;
  }

  protected createKnexConfig(): Knex.Config {
    const pool = this.readPoolSettings();
    return {
      client: 'mysql2',
      connection: {
        host: this.connection.host ?? 'localhost',
        port: this.connection.port ?? DEFAULT_MYSQL_PORT,
        user: this.connection.user,
        password: this.connection.password,
        database: this.connection.database,
        charset: 'utf8mb4',
        ...(this.ssl === undefined ? {} : { ssl: this.ssl }),
      },
      pool: { min: pool.min, max: pool.max },
      acquireConnectionTimeout: pool.acquireTimeoutMs,
    };
  }

  protected rowsOf(result: unknown): unknown[] {
    const rows = Array.isArray(result) ? result[0] : undefined;
    return Array.isArray(rows) ? rows : [];
  }

  protected affectedRowsOf(result: unknown): number {
    const header = Array.isArray(result) ? result[0] : undefined;
    return (header as { affectedRows?: number } | undefined)?.affectedRows ?? 0;
  }
}
