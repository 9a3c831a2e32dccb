import type { Knex } from 'knex';

import { parseBoolean } from '../config/store-config-reader';
import type { QueryBindings } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { KnexDbStore } from './knex-db-store';
import { readServerConnection, type ServerConnection } from './server-connection';

/** Values of `Encrypt` in Microsoft.Data.SqlClient 5 connection strings, as booleans. */
const ENCRYPT_KEYWORDS: Record<string, string> = { mandatory: 'true', strict: 'true', optional: 'false' };

/** Default SQL Server port. @public */
export const DEFAULT_SQLSERVER_PORT = 1433;

/**
 * Microsoft SQL Server database on knex and tedious (type `sqlserver`, aliases `mssql`,
 * `sql server`).
 *
 * Config: `ConnectionString` (alias `conninfo`; an ADO.NET or ODBC `Key=Value;` string, or an
 * `mssql://` URL) wins when non-empty; otherwise `Host` (alias `Server`; `host,port` and
 * `host\instance` are understood), `Port` (1433), `User` (aliases `Username`, `UserId`, `Uid`),
 * `Password` (alias `Pwd`), `DbName` (aliases `Database`, `Initial Catalog`), `Encrypt` (true, as
 * ODBC Driver 18 does), `TrustServerCertificate` (false), `CommandTimeoutSeconds` (none), and
 * the pool keys of every database store. `Driver` and `OdbcDriver` are accepted and ignored:
 * tedious speaks TDS itself.
 *
 * `execute()` returns `@@ROWCOUNT`, the count of the last statement of the batch.
 *
 * NOTE: Windows integrated authentication is not supported; use SQL Server logins.
 * @public
 */
export class SqlServerStore extends KnexDbStore {
  private readonly connection: ServerConnection;
  private readonly instanceName: string | undefined;
  private readonly encrypt: boolean;
  private readonly trustServerCertificate: boolean;
  private readonly requestTimeoutMs: number;

  constructor(context: StoreContext) {
    super(context);
    const connection = readServerConnection(this.settings, ['mssql', 'sqlserver']);
    const [host, instanceName] = (connection.host ?? 'localhost').split('\\');
    this.connection = { ...connection, host };
    this.instanceName = instanceName === undefined || instanceName === '' ? undefined : instanceName;
    this.encrypt = this.readFlag(connection, ['encrypt'], true);
    this.trustServerCertificate = this.readFlag(connection, ['trustServerCertificate'], false);
    const timeout = connection.options.get('commandtimeout') ?? this.settings.string(['commandTimeoutSeconds', 'commandTimeout', 'requestTimeoutSeconds']);
    this.requestTimeoutMs = timeout === undefined ? 0 : Math.max(0, Number(timeout) * 1000);
    // SQL Server accepts at most 2100 parameters in one request.
    this.maxBindingsPerStatement = 2000;
  }

  protected createKnexConfig(): Knex.Config {
    const pool = this.readPoolSettings();
    return {
      client: 'mssql',
      connection: {
        server: this.connection.host,
        port: this.connection.port ?? DEFAULT_SQLSERVER_PORT,
        user: this.connection.user,
        password: this.connection.password,
        database: this.connection.database,
        requestTimeout: this.requestTimeoutMs,
        connectionTimeout: pool.acquireTimeoutMs,
        options: {
          encrypt: this.encrypt,
          trustServerCertificate: this.trustServerCertificate,
          appName: 'bevault-workers',
          ...(this.instanceName === undefined ? {} : { instanceName: this.instanceName }),
        },
      } as Knex.MsSqlConnectionConfig,
      pool: { min: pool.min, max: pool.max },
      acquireConnectionTimeout: pool.acquireTimeoutMs,
    };
  }

  /** Runs the statement and `select @@ROWCOUNT` in the same batch, since tedious's count is not exposed by knex. */
  override async execute(sql: string, bindings?: QueryBindings): Promise<number> {
    const rows = await this.query<{ affectedRows: number }>(`${sql.replace(/;\s*$/, '')};\nselect @@ROWCOUNT as affectedRows`, bindings);
    return Number(rows.at(-1)?.affectedRows ?? 0);
  }

  protected rowsOf(result: unknown): unknown[] {
    return Array.isArray(result) ? result : [];
  }

  protected affectedRowsOf(result: unknown): number {
    return Array.isArray(result) ? result.length : 0;
  }

  private readFlag(connection: ServerConnection, aliases: readonly string[], fallback: boolean): boolean {
    for (const alias of aliases) {
      const fromString = connection.options.get(alias.toLowerCase());
      if (fromString !== undefined) {
        return parseBoolean(ENCRYPT_KEYWORDS[fromString] ?? fromString) ?? fallback;
      }
    }
    return this.settings.boolean(aliases) ?? fallback;
  }
}
