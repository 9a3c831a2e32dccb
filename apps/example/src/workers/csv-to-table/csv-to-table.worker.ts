import { Input, TaskFailure, Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';
import { CsvError } from 'csv-parse';
import { CsvReadError, type CsvRow, openCsv } from '../../csv/csv-reader';
import { CsvSchemaError } from '../../csv/csv-schema';
import type { ColumnType } from '../../csv/column-type';
import { findCause } from '../find-cause';
import { CsvToTableInput } from './csv-to-table.input';
import { prepareTable, TableExistsError } from './table-schema';

/** Output of the `csv_to_table` worker. */
export interface CsvToTableOutput {
  readonly table: string;
  /** Data rows inserted, the header excluded. */
  readonly rowCount: number;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  readonly delimiter: string;
  readonly quote: string | null;
}

/** Rows between two progress log entries. */
const PROGRESS_EVERY_ROWS = 1000;

/** Error codes of the failures the `csv_to_table` worker reports. */
export const csvToTableErrors = {
  invalidCsv: 'Csv.InvalidFormat',
  tableExists: 'Table.AlreadyExists',
} as const;

/**
 * Streams a CSV file from a file store into a table of a database store
 * through the store's bulk insert. The header names the columns. The
 * separator, quote and column types are given in the input or detected from
 * the first MiB of the file.
 */
@Worker('csv_to_table', { heartbeatSeconds: 10 })
@Input(CsvToTableInput)
export class CsvToTableWorker implements WorkerHandler<CsvToTableInput, CsvToTableOutput> {
  async handle(input: CsvToTableInput, task: TaskContext): Promise<CsvToTableOutput> {
    const { store: fileStore, path, token } = input.fileToken;
    const source = await fileStore.openRead(token);

    try {
      const csv = await openCsv(source, {
        delimiter: input.delimiter,
        quote: input.quote === '' ? null : input.quote,
        columnTypes: input.columnTypes,
        sampleBytes: input.sampleBytes,
        signal: task.signal,
      });
      task.logger.info('CSV columns detected', { file: path, table: input.table, delimiter: csv.dialect.delimiter, columns: csv.columns.length });

      await prepareTable(input.store, input.table, csv.columns, input.ifExists);
      const rowCount = await input.store.bulkInsert(input.table, reportProgress(csv.rows, task, input.table), {
        columns: csv.columns.map((column) => column.name),
      });
      task.logger.info('Rows loaded', { table: input.table, rowCount });

      return {
        table: input.table,
        rowCount,
        columns: csv.columns.map(({ name, type }) => ({ name, type })),
        delimiter: csv.dialect.delimiter,
        quote: csv.dialect.quote,
      };
    } catch (error) {
      throw toTaskFailure(error, token);
    } finally {
      source.destroy();
    }
  }
}

async function* reportProgress(rows: AsyncIterable<CsvRow>, task: TaskContext, table: string): AsyncGenerator<CsvRow> {
  let rowCount = 0;
  for await (const row of rows) {
    yield row;
    rowCount += 1;
    if (rowCount % PROGRESS_EVERY_ROWS === 0) {
      task.logger.info('Rows read', { table, rowCount });
    }
  }
}

function toTaskFailure(error: unknown, token: string): unknown {
  const csvError = findCause<Error>(error, [CsvReadError, CsvSchemaError, CsvError]);
  if (csvError !== undefined) {
    return new TaskFailure(csvToTableErrors.invalidCsv, `${token}: ${csvError.message}`, { cause: error });
  }
  if (error instanceof TableExistsError) {
    return new TaskFailure(csvToTableErrors.tableExists, error.message, { cause: error });
  }
  return error;
}
