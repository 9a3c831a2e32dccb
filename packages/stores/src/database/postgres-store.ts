import type { Knex } from 'knex';
import type { PoolClient } from 'pg';

import type { BulkInsertOptions } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { KnexDbStore } from './knex-db-store';
import { copyRows } from './postgres-copy';
import { readServerConnection, type ServerConnection } from './server-connection';
import { readSslMode, type DriverSsl } from './ssl-mode';

/** Default PostgreSQL port. @public */
export const DEFAULT_POSTGRES_PORT = 5432;

/**
 * PostgreSQL database on knex and pg (type `postgresql`, aliases `postgres`, `pg`).
 *
 * Config: `ConnectionString` (alias `conninfo`; a `postgres://` URL, a libpq `key=value` string or
 * an Npgsql `Key=Value;` string) wins when non-empty; otherwise `Host` (alias `Server`),
 * `Port` (5432), `User` (aliases `Username`, `UserId`, `Uid`), `Password` (alias `Pwd`),
 * `DbName` (aliases `Database`, `Initial Catalog`), `SslMode`, `Schema` (search path), and the
 * pool keys of every database store. Bulk inserts use `COPY FROM STDIN`.
 * @public
 */
export class PostgresStore extends KnexDbStore {
  private readonly connection: ServerConnection;
  private readonly ssl: DriverSsl;
  private readonly searchPath: string | undefined;

  constructor(context: StoreContext) {
    super(context);
    this.connection = readServerConnection(this.settings, ['postgres', 'postgresql']);
    this.ssl = readSslMode(this.settings, this.connection.options);
    this.searchPath = this.connection.options.get('searchpath') ?? this.settings.string(['schema', 'searchPath', 'search path']);
    // The protocol allows 65535 bound parameters per statement.
    this.maxBindingsPerStatement = 60_000;
  }

  protected createKnexConfig(): Knex.Config {
    const pool = this.readPoolSettings();
    return {
      client: 'pg',
      connection: {
        host: this.connection.host ?? 'localhost',
        port: this.connection.port ?? DEFAULT_POSTGRES_PORT,
        user: this.connection.user,
        password: this.connection.password,
        database: this.connection.database,
        ssl: this.ssl ?? false,
        application_name: 'bevault-workers',
      },
      ...(this.searchPath === undefined ? {} : { searchPath: this.searchPath.split(',').map((schema) => schema.trim()) }),
      pool: { min: pool.min, max: pool.max },
      acquireConnectionTimeout: pool.acquireTimeoutMs,
    };
  }

  protected rowsOf(result: unknown): unknown[] {
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last as { rows?: unknown[] } | undefined)?.rows ?? [];
  }

  protected affectedRowsOf(result: unknown): number {
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last as { rowCount?: number | null } | undefined)?.rowCount ?? 0;
  }

  /** Inserts rows with `COPY table (columns) FROM STDIN WITH (FORMAT csv)`, streamed. */
  override async bulkInsert(
    table: string,
    rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
    options: BulkInsertOptions = {},
  ): Promise<number> {
    const iterator = toAsyncIterator(rows);
    const first = await iterator.next();
    if (first.done === true) {
      return 0;
    }

    const columns = options.columns ?? Object.keys(first.value);
    const statement = this.knex
      .raw(`copy ?? (${columns.map(() => '??').join(', ')}) from stdin with (format csv)`, [table, ...columns])
      .toQuery();

    const client = this.knex.client as { acquireConnection(): Promise<PoolClient>; releaseConnection(connection: PoolClient): Promise<void> };
    const operation = `bulk insert into '${table}'`;
    let connection: PoolClient;
    try {
      connection = await client.acquireConnection();
    } catch (error) {
      throw this.operationError(operation, error);
    }

    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { from } = require('pg-copy-streams') as typeof import('pg-copy-streams');
      return await copyRows(connection.query(from(statement)), columns, first.value, iterator);
    } catch (error) {
      // A connection whose COPY failed midway is not reused: knex destroys disposed connections.
      (connection as unknown as { __knex__disposed?: unknown }).__knex__disposed = error;
      throw this.operationError(operation, error);
    } finally {
      await client.releaseConnection(connection);
    }
  }
}

function toAsyncIterator<T>(rows: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in rows) {
    return rows[Symbol.asyncIterator]();
  }
  const iterator = rows[Symbol.iterator]();
  return { next: async () => iterator.next() };
}
