import type { DbStore } from '@bevault-workers/stores';
import type { Knex } from 'knex';
import type { CsvColumn } from '../../csv/csv-schema';
import type { IfTableExists } from './csv-to-table.input';

/** Dialects whose `decimal` column takes numbers of any precision and scale. */
const UNBOUNDED_DECIMAL_CLIENTS = new Set(['pg', 'postgres', 'postgresql', 'sqlite3', 'better-sqlite3', 'oracledb']);

function addColumn(table: Knex.CreateTableBuilder, column: CsvColumn, client: string): void {
  switch (column.type) {
    case 'integer':
      table.integer(column.name);
      break;
    case 'bigint':
      table.bigInteger(column.name);
      break;
    case 'decimal':
      // Other engines need a fixed precision, which a CSV does not give, so they get a double.
      if (UNBOUNDED_DECIMAL_CLIENTS.has(client)) {
        table.decimal(column.name, null);
      } else {
        table.double(column.name);
      }
      break;
    case 'boolean':
      table.boolean(column.name);
      break;
    case 'date':
      table.date(column.name);
      break;
    case 'timestamp':
      table.timestamp(column.name, { useTz: true });
      break;
    case 'text':
      table.text(column.name);
      break;
  }
}

/** Thrown when `ifExists` is `fail` and the table exists. */
export class TableExistsError extends Error {
  override readonly name = 'TableExistsError';
}

/**
 * Prepares the table a CSV file is loaded into, as `ifExists` requests: drops and
 * creates it (`replace`), creates it when missing (`append`), or creates it and
 * throws {@link TableExistsError} when it exists (`fail`).
 */
export async function prepareTable(store: DbStore, table: string, columns: readonly CsvColumn[], ifExists: IfTableExists): Promise<void> {
  // Each `knex.schema` access is a new builder: a builder reused across statements would run them all again.
  const client = String(store.knex.client.config.client);
  const exists = await store.knex.schema.hasTable(table);

  if (exists && ifExists === 'fail') {
    throw new TableExistsError(`Table ${table} exists in store ${store.name}. Set ifExists to "replace" or "append", or choose another table`);
  }
  if (exists && ifExists === 'append') {
    return;
  }
  if (exists) {
    await store.knex.schema.dropTable(table);
  }

  await store.knex.schema.createTable(table, (builder) => {
    for (const column of columns) {
      addColumn(builder, column, client);
    }
  });
}
