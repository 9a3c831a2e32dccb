import type { Readable, Writable } from 'node:stream';

import type { Knex } from 'knex';

/** Whether a store holds tables or files. @public */
export type StoreKind = 'database' | 'file';

/**
 * A named connection to a database or a file system, built from a store definition.
 * Stores connect lazily, on their first operation.
 * @public
 */
export interface Store {
  /** Name from the definition. */
  readonly name: string;

  /** Canonical type name (`postgresql`, `sftp`, a custom type...). */
  readonly type: string;

  readonly kind: StoreKind;

  /** Checks that the server answers (a `select 1`, a directory listing...). Connects if needed. */
  ping(): Promise<void>;

  /** Releases connections and pools. Idempotent: later calls return the first call's promise. */
  close(): Promise<void>;
}

/** Positional (`?`) or named (`:name`) bindings of a SQL statement. @public */
export type QueryBindings = readonly unknown[] | Readonly<Record<string, unknown>>;

/** Runs SQL with bindings. Implemented by database stores and by their transactions. @public */
export interface DbQueryRunner {
  /**
   * Runs a statement and returns its rows. Values travel as bindings: `?` placeholders with an
   * array, `:name` placeholders with an object, `??` for identifiers.
   */
  query<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings): Promise<Row[]>;

  /** Runs a statement and returns the number of rows it changed (0 when the driver reports none). */
  execute(sql: string, bindings?: QueryBindings): Promise<number>;
}

/** A database transaction, committed when the callback of `transaction()` resolves. @public */
export interface DbTransaction extends DbQueryRunner {
  /** The knex transaction, for the query builder. */
  readonly knex: Knex.Transaction;
}

/** Options of {@link DbStore.stream}. @public */
export interface StreamQueryOptions {
  /**
   * Rows buffered ahead of the consumer.
   * @defaultValue 100
   */
  highWaterMark?: number;
}

/** Options of {@link DbStore.bulkInsert}. @public */
export interface BulkInsertOptions {
  /** Columns to insert, in order. @defaultValue the keys of the first row */
  columns?: readonly string[];

  /**
   * Rows per multi-row `INSERT` on engines without COPY. Capped so a statement stays under the
   * engine's limit of bound parameters.
   * @defaultValue 1000
   */
  batchSize?: number;
}

/**
 * A SQL database store on knex.
 *
 * Deliberately left out: schema management, migrations and ORM features; use `knex` for those.
 * @public
 */
export interface DbStore extends Store, DbQueryRunner {
  readonly kind: 'database';

  /** The knex instance. Creating it does not connect; the pool connects on first use. */
  readonly knex: Knex;

  /** Runs `work` in a transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (transaction: DbTransaction) => Promise<T>): Promise<T>;

  /**
   * Streams the rows of a query as an object-mode Readable (also an async iterable) without
   * loading the whole result. The connection returns to the pool when the stream ends or is
   * destroyed.
   */
  stream<Row = Record<string, unknown>>(sql: string, bindings?: QueryBindings, options?: StreamQueryOptions): Readable & AsyncIterable<Row>;

  /**
   * Inserts rows fast: `COPY FROM STDIN` on PostgreSQL, batched multi-row inserts in one
   * transaction elsewhere. Returns the number of rows inserted. `table` may be `schema.table`.
   */
  bulkInsert(
    table: string,
    rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
    options?: BulkInsertOptions,
  ): Promise<number>;
}

/** Size and modification time of a file. @public */
export interface FileStat {
  /** Size in bytes. */
  readonly size: number;

  /** Last modification time, when the store reports one. */
  readonly modifiedAt?: Date;
}

/** Content accepted by {@link FileStore.write}. @public */
export type FileContent = Readable | Buffer | Uint8Array | string;

/**
 * A file system reached through file tokens `<type>://<storeName>/<path>`, with streaming reads
 * and writes that never hold a whole file in memory.
 *
 * Deliberately left out: directories as objects, permissions, renames and appends.
 * @public
 */
export interface FileStore extends Store {
  readonly kind: 'file';

  /** Whether writes and deletes are rejected (true for `gitlab`). */
  readonly readOnly: boolean;

  /** Returns the token of a path relative to the store's base. Does not touch the server. */
  createFileToken(path: string): string;

  /** Returns the last path segment of a token. */
  getFileName(token: string): string;

  /**
   * Lists the tokens of the files whose relative path starts with `prefix` and ends with
   * `suffix`, recursively, sorted.
   */
  list(prefix?: string, suffix?: string): Promise<string[]>;

  /** Opens a file for reading. Rejects with `StoreFileNotFoundError` when it does not exist. */
  openRead(token: string): Promise<Readable>;

  /**
   * Opens a file for writing, creating parent directories. The file is complete when the
   * Writable emits `finish` (so `pipeline()` resolves only once the upload is committed).
   */
  openWrite(token: string): Promise<Writable>;

  /** Writes a stream, a buffer or a string to a file, replacing it. */
  write(token: string, content: FileContent): Promise<void>;

  /** Deletes a file. Deleting a missing file is not an error. */
  delete(token: string): Promise<void>;

  exists(token: string): Promise<boolean>;

  /** Rejects with `StoreFileNotFoundError` when the file does not exist. */
  stat(token: string): Promise<FileStat>;
}

/** Tells whether a store is a database store. @public */
export function isDbStore(store: Store | undefined | null): store is DbStore {
  return store !== undefined && store !== null && store.kind === 'database';
}

/** Tells whether a store is a file store. @public */
export function isFileStore(store: Store | undefined | null): store is FileStore {
  return store !== undefined && store !== null && store.kind === 'file';
}
