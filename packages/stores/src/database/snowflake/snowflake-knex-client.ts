import type { Readable } from 'node:stream';

import type { Connection, ConnectionOptions, RowStatement } from 'snowflake-sdk';

/** Subset of the knex client internals the Snowflake client relies on. */
interface KnexQueryObject {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
}

interface KnexClientBase {
  connectionSettings: ConnectionOptions;
  driver: typeof import('snowflake-sdk');
}

type KnexClientConstructor = new (config: unknown) => KnexClientBase;

/** Identifiers Snowflake stores in upper case when written without quotes. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * Builds a knex client class for Snowflake on snowflake-sdk. The SQL compiler is knex's
 * PostgreSQL one (double-quoted identifiers, standard multi-row inserts); the driver hooks are
 * Snowflake's. Plain identifiers are left unquoted, so `knex('orders')` reaches the table ORDERS
 * created without quotes, as Snowflake folds unquoted names to upper case.
 * @internal
 */
export function createSnowflakeKnexClient(): KnexClientConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PostgresClient = require('knex/lib/dialects/postgres') as KnexClientConstructor;

  class SnowflakeKnexClient extends PostgresClient {
    _driver(): typeof import('snowflake-sdk') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const snowflake = require('snowflake-sdk') as typeof import('snowflake-sdk');
      snowflake.configure({ logLevel: 'ERROR', additionalLogToConsole: false });
      return snowflake;
    }

    wrapIdentifierImpl(value: string): string {
      if (value === '*' || PLAIN_IDENTIFIER.test(value)) {
        return value;
      }
      return `"${value.replace(/"/g, '""')}"`;
    }

    positionBindings(sql: string): string {
      return sql.replace(/\\\?/g, '?');
    }

    acquireRawConnection(): Promise<Connection> {
      return new Promise((resolve, reject) => {
        const connection = this.driver.createConnection(this.connectionSettings);
        connection.connect((error, connected) => (error ? reject(error) : resolve(connected)));
      });
    }

    destroyRawConnection(connection: Connection): Promise<void> {
      return new Promise((resolve) => connection.destroy(() => resolve()));
    }

    validateConnection(connection: Connection): boolean {
      return connection.isUp();
    }

    _query(connection: Connection, query: KnexQueryObject): Promise<KnexQueryObject> {
      return new Promise((resolve, reject) => {
        connection.execute({
          sqlText: query.sql,
          binds: toBinds(query.bindings),
          complete: (error, statement, rows) => {
            if (error) {
              reject(error);
              return;
            }
            query.response = toResponse(statement, rows ?? []);
            resolve(query);
          },
        });
      });
    }

    _stream(connection: Connection, query: KnexQueryObject, stream: NodeJS.WritableStream & { emit(event: string, error: unknown): boolean }): Promise<void> {
      return new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('end', resolve);
        connection.execute({
          sqlText: query.sql,
          binds: toBinds(query.bindings),
          streamResult: true,
          complete: (error, statement) => {
            if (error) {
              stream.emit('error', error);
              return;
            }
            const rows = statement.streamRows() as Readable;
            rows.on('error', (rowError: unknown) => stream.emit('error', rowError));
            rows.pipe(stream);
          },
        });
      });
    }
  }

  Object.assign(SnowflakeKnexClient.prototype, { dialect: 'snowflake', driverName: 'snowflake-sdk' });
  return SnowflakeKnexClient;
}

/** Shapes a result like pg's, which knex's PostgreSQL response handling expects. */
function toResponse(statement: RowStatement, rows: unknown[]): { rows: unknown[]; rowCount: number; command: string } {
  const updated = statement.getNumUpdatedRows();
  const isQuery = (statement.getColumns()?.length ?? 0) > 0 && updated === undefined;
  return { rows, rowCount: updated ?? rows.length, command: isQuery ? 'SELECT' : 'UPDATE' };
}

/** Converts bound values to the types snowflake-sdk accepts. */
function toBinds(bindings: unknown[] | undefined): Array<string | number | boolean | null> {
  return (bindings ?? []).map((value) => {
    if (value === undefined || value === null) {
      return null;
    }
    if (value instanceof Date) {
      return value.toISOString();
    }
    if (Buffer.isBuffer(value)) {
      return value.toString('hex');
    }
    if (typeof value === 'bigint') {
      return value.toString();
    }
    if (typeof value === 'object') {
      return JSON.stringify(value);
    }
    return value as string | number | boolean;
  });
}
