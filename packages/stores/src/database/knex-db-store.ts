import { Readable } from 'node:stream';

import knexFactory, { type Knex } from 'knex';

import { describeError } from '../logging/store-logger';
import { scrubError, scrubSecrets } from '../secrets/redaction';
import { BaseStore } from '../stores/base-store';
import type { BulkInsertOptions, DbStore, DbTransaction, QueryBindings, StreamQueryOptions } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { insertInBatches } from './batched-insert';
import { KnexTransaction } from './knex-transaction';

/** Pool settings read from every database store's Config. @internal */
export interface PoolSettings {
  readonly min: number;
  readonly max: number;
  readonly acquireTimeoutMs: number;
}

/** Default maximum number of pooled connections of a database store. @public */
export const DEFAULT_POOL_MAX = 10;

/** Default time to wait for a pooled connection, in seconds. @public */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;

/**
 * A database store on knex. Subclasses give the knex configuration and define how their driver
 * reports rows and affected row counts; the knex instance and its pool are created on first use.
 * @public
 */
export abstract class KnexDbStore extends BaseStore implements DbStore {
  readonly kind = 'database' as const;

  /**
   * Bound parameters allowed in one statement, which caps the rows of a multi-row insert.
   * @defaultValue 30000
   */
  protected maxBindingsPerStatement = 30_000;

  /** Rows allowed in one multi-row insert, whatever the number of columns. */
  protected maxRowsPerStatement = Number.POSITIVE_INFINITY;

  private knexInstance: Knex | undefined;

  constructor(context: StoreContext) {
    super(context);
  }

  /** Builds the knex configuration. Called once, on first use. */
  protected abstract createKnexConfig(): Knex.Config;

  /** Extracts the rows from a `knex.raw()` result of this dialect. */
  protected abstract rowsOf(result: unknown): unknown[];

  /** Extracts the affected row count from a `knex.raw()` result of this dialect. */
  protected abstract affectedRowsOf(result: unknown): number;

  get knex(): Knex {
    this.assertOpen('create a connection');
    // compileSqlOnError: false keeps bound values (possibly personal data) out of error messages.
    this.knexInstance ??= knexFactory({ ...this.createKnexConfig(), compileSqlOnError: false, log: this.knexLog() });
    return this.knexInstance;
  }

  async query<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings): Promise<Row[]> {
    return this.rowsOf(await this.raw(this.knex, sql, bindings, 'run a query')) as Row[];
  }

  async execute(sql: string, bindings?: QueryBindings): Promise<number> {
    return this.affectedRowsOf(await this.raw(this.knex, sql, bindings, 'execute a statement'));
  }

  async transaction<T>(work: (transaction: DbTransaction) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new KnexTransaction(trx, this.runnerFor(trx))));
  }

  stream<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings, options: StreamQueryOptions = {}): Readable & AsyncIterable<Row> {
    const source = this.rawQuery(this.knex, sql, bindings).stream({ highWaterMark: options.highWaterMark ?? 100 });
    // Removes secrets from the driver's error before the consumer sees it.
    source.on('error', (error: unknown) => scrubError(error, this.settings.secretValues()));
    return source as Readable & AsyncIterable<Row>;
  }

  async bulkInsert(
    table: string,
    rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
    options: BulkInsertOptions = {},
  ): Promise<number> {
    try {
      return await this.knex.transaction((trx) =>
        insertInBatches(trx, table, rows, {
          ...options,
          maxBindingsPerStatement: this.maxBindingsPerStatement,
          maxRowsPerStatement: this.maxRowsPerStatement,
        }),
      );
    } catch (error) {
      throw this.operationError(`bulk insert into '${table}'`, error);
    }
  }

  async ping(): Promise<void> {
    await this.query(this.pingStatement());
  }

  /** Statement run by `ping()`. @defaultValue 'select 1' */
  protected pingStatement(): string {
    return 'select 1';
  }

  protected async closeConnections(): Promise<void> {
    const instance = this.knexInstance;
    this.knexInstance = undefined;
    await instance?.destroy();
  }

  /** Sends knex's own warnings (pool acquire errors, deprecations) to the store logger. */
  private knexLog(): Knex.Logger {
    const forward = (level: 'debug' | 'warn') => (message: unknown) => {
      const text = scrubSecrets(typeof message === 'string' ? message : describeError(message), this.settings.secretValues());
      this.logger[level]('Knex message', { store: this.name, message: text });
    };
    return { warn: forward('warn'), error: forward('warn'), deprecate: forward('warn'), debug: forward('debug') };
  }

  /** Reads the pool settings shared by every database type. */
  protected readPoolSettings(defaults: Partial<PoolSettings> = {}): PoolSettings {
    const max = this.settings.integer(['poolMax', 'maxPoolSize', 'poolSize', 'Maximum Pool Size', 'Max Pool Size'], { min: 1, max: 1000 });
    const min = this.settings.integer(['poolMin', 'minPoolSize', 'Minimum Pool Size', 'Min Pool Size'], { min: 0, max: 1000 });
    const timeout = this.settings.integer(['connectTimeoutSeconds', 'connectTimeout', 'Timeout', 'Connection Timeout'], { min: 1, max: 3600 });
    return {
      min: min ?? defaults.min ?? 0,
      max: max ?? defaults.max ?? DEFAULT_POOL_MAX,
      acquireTimeoutMs: (timeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000,
    };
  }

  /** Builds a raw query on a knex instance or transaction, with bindings when given. */
  protected rawQuery(target: Knex | Knex.Transaction, sql: string, bindings: QueryBindings | undefined): Knex.Raw {
    return bindings === undefined ? target.raw(sql) : target.raw(sql, bindings as Knex.RawBinding[]);
  }

  private async raw(target: Knex | Knex.Transaction, sql: string, bindings: QueryBindings | undefined, operation: string): Promise<unknown> {
    try {
      return await this.rawQuery(target, sql, bindings);
    } catch (error) {
      throw this.operationError(operation, error);
    }
  }

  private runnerFor(trx: Knex.Transaction) {
    return {
      query: async (sql: string, bindings?: QueryBindings) => this.rowsOf(await this.raw(trx, sql, bindings, 'run a query')),
      execute: async (sql: string, bindings?: QueryBindings) => this.affectedRowsOf(await this.raw(trx, sql, bindings, 'execute a statement')),
    };
  }
}
