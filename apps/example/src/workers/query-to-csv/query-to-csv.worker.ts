import { pipeline } from 'node:stream/promises';
import { Input, Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';
import { createCsvWriter } from '../../csv/csv-writer';
import { QueryToCsvInput } from './query-to-csv.input';

/** Output of the `query_to_csv` worker. */
export interface QueryToCsvOutput {
  /** File token of the CSV file written. */
  readonly fileToken: string;
  /** Data rows written, the header excluded. */
  readonly rowCount: number;
}

/**
 * Streams the rows of a query into a CSV file of a file store and returns the
 * file's token. The file is complete when the task succeeds; neither the rows
 * nor the file are ever held whole in memory.
 */
@Worker('query_to_csv')
@Input(QueryToCsvInput)
export class QueryToCsvWorker implements WorkerHandler<QueryToCsvInput, QueryToCsvOutput> {
  async handle(input: QueryToCsvInput, task: TaskContext): Promise<QueryToCsvOutput> {
    const fileToken = input.fileStore.createFileToken(input.path);
    const writer = createCsvWriter({ dialect: { delimiter: input.delimiter, quote: '"' }, header: input.header });

    const rows = input.store.stream(input.query, input.parameters);
    const target = await input.fileStore.openWrite(fileToken);
    await pipeline(rows, writer, target, { signal: task.signal });

    const rowCount = writer.info.records;
    task.logger.info('CSV file written', { file: fileToken, rowCount });
    return { fileToken, rowCount };
  }
}
