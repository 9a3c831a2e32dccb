import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Readable } from 'node:stream';

import type { Knex } from 'knex';
import type BetterSqlite3 from 'better-sqlite3';

import type { QueryBindings, StreamQueryOptions } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { DEFAULT_STREAM_HIGH_WATER_MARK, KnexDbStore } from './knex-db-store';
import { parseKeyValueConnectionString } from './connection-strings';

/** Path of an in-memory SQLite database. @public */
export const SQLITE_MEMORY = ':memory:';

/**
 * SQLite database on better-sqlite3 (type `sqlite`). Config: `Path` (aliases `Filename`, `File`,
 * `Database`, `DbName`, `Data Source`) or a `ConnectionString` of the form `Data Source=file.db`;
 * a relative path resolves against the working directory; the default is `:memory:`. `ReadOnly`
 * opens the file read-only. Parent directories are created on first use.
 *
 * The pool has one connection, so statements run one at a time and an in-memory database
 * lives as long as the store.
 * @public
 */
export class SqliteStore extends KnexDbStore {
  /** Absolute path of the database file, or `:memory:`. */
  readonly filename: string;

  private readonly readOnly: boolean;

  constructor(context: StoreContext) {
    super(context);
    this.filename = this.readFilename();
    this.readOnly = this.settings.boolean(['readOnly', 'Read Only']) ?? false;
    // SQLite limits a statement to 32766 bound values (SQLITE_MAX_VARIABLE_NUMBER since 3.32).
    this.maxBindingsPerStatement = 32_000;
    // knex inserts several rows as a compound SELECT, limited to 500 terms (SQLITE_MAX_COMPOUND_SELECT).
    this.maxRowsPerStatement = 500;
  }

  protected createKnexConfig(): Knex.Config {
    if (this.filename !== SQLITE_MEMORY && !this.readOnly) {
      mkdirSync(dirname(this.filename), { recursive: true });
    }
    return {
      client: 'better-sqlite3',
      connection: { filename: this.filename, options: { readonly: this.readOnly } },
      useNullAsDefault: true,
      // One connection that is never reaped, so an in-memory database survives idle periods.
      pool: { min: 1, max: 1, idleTimeoutMillis: 2_147_483_647 },
      acquireConnectionTimeout: this.readPoolSettings().acquireTimeoutMs,
    };
  }

  protected rowsOf(result: unknown): unknown[] {
    return Array.isArray(result) ? result : [];
  }

  protected affectedRowsOf(result: unknown): number {
    if (typeof result === 'object' && result !== null && 'changes' in result) {
      return Number((result as { changes: number | bigint }).changes);
    }
    return 0;
  }

  /**
   * Streams rows with better-sqlite3's `iterate()`, one row at a time. The single connection is
   * held until the stream ends or is destroyed, so other statements of this store wait meanwhile.
   */
  override stream<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings, options: StreamQueryOptions = {}): Readable & AsyncIterable<Row> {
    const knex = this.knex;
    const client = knex.client as { acquireConnection(): Promise<BetterSqlite3.Database>; releaseConnection(c: unknown): Promise<void> };
    const rawQuery = () => this.rawQuery(knex, sql, bindings);

    async function* rows(): AsyncGenerator<Row> {
      const native = rawQuery().toSQL().toNative();
      const connection = await client.acquireConnection();
      try {
        const statement = connection.prepare(native.sql);
        for (const row of statement.iterate(...(native.bindings as unknown[]))) {
          yield row as Row;
        }
      } finally {
        await client.releaseConnection(connection);
      }
    }
    return this.streamRows(rows(), options.highWaterMark ?? DEFAULT_STREAM_HIGH_WATER_MARK);
  }

  private readFilename(): string {
    const connectionString = this.settings.string(['connectionString', 'conninfo']);
    // `Data Source=x.db` (ADO.NET, Microsoft.Data.Sqlite) or a bare path; the `;` makes the
    // parser read ADO.NET syntax even for a single pair, whose key contains a space.
    const fromConnectionString =
      connectionString === undefined
        ? undefined
        : connectionString.includes('=')
          ? parseKeyValueConnectionString(`${connectionString};`).get('datasource')
          : connectionString;
    const path = fromConnectionString ?? this.settings.string(['path', 'filename', 'file', 'database', 'dbname', 'dataSource']) ?? SQLITE_MEMORY;
    return path === SQLITE_MEMORY ? path : resolve(path);
  }
}
