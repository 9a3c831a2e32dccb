import type { Knex } from 'knex';

import type { BulkInsertOptions } from '../stores/store';

/** Rows per multi-row insert when the caller sets none. @internal */
export const DEFAULT_BULK_BATCH_SIZE = 1000;

/** The caller's options and the engine's limits on one statement. */
type BatchLimits = BulkInsertOptions & { maxBindingsPerStatement: number; maxRowsPerStatement: number };

type Rows = Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

/**
 * Inserts rows with multi-row `INSERT` statements of at most `batchSize` rows, fewer when the
 * statement would exceed `maxBindingsPerStatement` bound values. Returns the number of rows.
 * @internal
 */
export async function insertInBatches(
  trx: Knex.Transaction,
  table: string,
  rows: Rows,
  options: BatchLimits,
): Promise<number> {
  let columns = options.columns;
  let rowsPerBatch = 0;
  let batch: Record<string, unknown>[] = [];
  let inserted = 0;

  for await (const row of rows) {
    if (columns === undefined) {
      columns = Object.keys(row);
    }
    if (rowsPerBatch === 0) {
      rowsPerBatch = batchSizeFor(columns.length, options);
    }

    batch.push(pick(row, columns));
    if (batch.length >= rowsPerBatch) {
      await trx(table).insert(batch);
      inserted += batch.length;
      batch = [];
    }
  }

  if (batch.length > 0) {
    await trx(table).insert(batch);
    inserted += batch.length;
  }
  return inserted;
}

function batchSizeFor(columnCount: number, options: BatchLimits): number {
  const byBindings = Math.max(1, Math.floor(options.maxBindingsPerStatement / Math.max(1, columnCount)));
  return Math.max(1, Math.min(options.batchSize ?? DEFAULT_BULK_BATCH_SIZE, byBindings, options.maxRowsPerStatement));
}

function pick(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const column of columns) {
    picked[column] = row[column] ?? null;
  }
  return picked;
}
