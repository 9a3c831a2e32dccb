import { Readable } from 'node:stream';

import knexFactory, { type Knex } from 'knex';

import { describeError } from '../logging/store-logger';
import { scrubSecrets } from '../secrets/redaction';
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

/** Rows buffered by `stream()` when the caller sets no `highWaterMark`. @internal */
export const DEFAULT_STREAM_HIGH_WATER_MARK = 100;

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

  /**
   * Runs `work` in a transaction. An error thrown by `work` rejects unchanged after the rollback;
   * a failure to begin or commit the transaction rejects with a {@link StoreOperationError}.
   */
  async transaction<T>(work: (transaction: DbTransaction) => Promise<T>): Promise<T> {
    const workFailure: { error?: unknown } = {};
    try {
      return await this.knex.transaction(async (trx) => {
        try {
          return await work(new KnexTransaction(trx, this.runnerFor(trx)));
        } catch (error) {
          workFailure.error = error;
          throw error;
        }
      });
    } catch (error) {
      if ('error' in workFailure && error === workFailure.error) {
        throw error;
      }
      throw this.operationError('run a transaction', error);
    }
  }

  stream<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings, options: StreamQueryOptions = {}): Readable & AsyncIterable<Row> {
    const highWaterMark = options.highWaterMark ?? DEFAULT_STREAM_HIGH_WATER_MARK;
    const source = this.rawQuery(this.knex, sql, bindings).stream({ highWaterMark });
    return this.streamRows(source as AsyncIterable<Row>, highWaterMark);
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

  /**
   * Wraps a row source in an object-mode stream that fails with a {@link StoreOperationError},
   * secrets scrubbed, where the source fails with a driver error (connection refused, unknown
   * table). Ending or destroying the returned stream ends the source.
   */
  protected streamRows<Row>(source: AsyncIterable<Row>, highWaterMark: number): Readable & AsyncIterable<Row> {
    const wrapError = (error: unknown) => this.operationError('stream query results', error);

    async function* rows(): AsyncGenerator<Row> {
      const iterator = source[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Row>;
          try {
            next = await iterator.next();
          } catch (error) {
            throw wrapError(error);
          }
          if (next.done === true) {
            return;
          }
          yield next.value;
        }
      } finally {
        await iterator.return?.();
      }
    }
    return Readable.from(rows(), { objectMode: true, highWaterMark }) as Readable & AsyncIterable<Row>;
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
