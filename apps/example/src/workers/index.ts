import { CsvToTableWorker } from './csv-to-table/csv-to-table.worker';
import { GzipWorker } from './gzip/gzip.worker';
import { QueryToCsvWorker } from './query-to-csv/query-to-csv.worker';
import { SqlQueryWorker } from './sql-query/sql-query.worker';

export { CsvToTableWorker, GzipWorker, QueryToCsvWorker, SqlQueryWorker };

/** Every worker class of the example app. */
export const exampleWorkers = [CsvToTableWorker, SqlQueryWorker, QueryToCsvWorker, GzipWorker];
