import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Parser } from 'csv-parse';
import { type ColumnType, type ColumnValue, convertColumnValue } from './column-type';
import { type CsvDialect, detectCsvDialect, parseSampleRecords } from './csv-dialect';
import { type CsvColumn, inferCsvColumns } from './csv-schema';
import { sampleStream } from './stream-sample';

/** A table row built from one CSV record, keyed by column name. */
export type CsvRow = Record<string, ColumnValue>;

/** Destination of the columns, then the rows, that {@link loadCsv} reads from a CSV file. */
export interface CsvLoadTarget {
  /** Called once, before any row, with the columns found in the header. */
  prepare(columns: readonly CsvColumn[]): Promise<void>;
  /** Called with each batch of rows, in file order; the next batch waits for this promise. */
  insert(rows: readonly CsvRow[]): Promise<void>;
}

/** Options of {@link loadCsv}. */
export interface CsvLoadOptions {
  /** Field separator; detected from the sample when undefined. */
  readonly delimiter?: string;
  /** Quote character, or `null` for none; detected from the sample when undefined. */
  readonly quote?: string | null;
  /** Column types that replace the detected ones, by column name. */
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /**
   * Bytes read ahead to detect the dialect and the column types.
   * @default 1048576 (1 MiB)
   */
  readonly sampleBytes?: number;
  /**
   * Rows per call to {@link CsvLoadTarget.insert}.
   * @default 1000
   */
  readonly batchSize?: number;
  /** Stops the load between two batches when aborted. */
  readonly signal?: AbortSignal;
  /** Called after each batch with the number of rows inserted so far. */
  readonly onProgress?: (rowCount: number) => void;
}

/** Outcome of {@link loadCsv}. */
export interface CsvLoadResult {
  readonly dialect: CsvDialect;
  readonly columns: readonly CsvColumn[];
  /** Data rows inserted, the header excluded. */
  readonly rowCount: number;
}

/** Thrown when a record of the CSV file cannot be read or converted; `line` is 1-based. */
export class CsvLoadError extends Error {
  override readonly name = 'CsvLoadError';

  constructor(
    message: string,
    readonly line: number,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_SAMPLE_BYTES = 1024 * 1024;
export const DEFAULT_BATCH_SIZE = 1000;

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function toRow(columns: readonly CsvColumn[], parsed: ParsedRecord): CsvRow {
  const row: CsvRow = {};
  columns.forEach((column, index) => {
    try {
      row[column.name] = convertColumnValue(column.name, column.type, parsed.record[index]);
    } catch (error) {
      const message = `Line ${parsed.info.lines}: ${(error as Error).message}. Give this column's type in the input's column types (for example "text") or fix the value`;
      throw new CsvLoadError(message, parsed.info.lines, { cause: error });
    }
  });
  return row;
}

/**
 * Streams a CSV file into a target: reads a sample to detect what the options
 * leave out (separator, quote, column types), then parses the whole stream and
 * sends converted rows in batches. The first record is the header. Memory use
 * is bounded by the sample and one batch, whatever the file size.
 *
 * @throws {@link CsvLoadError} on a malformed record or a value that does not fit its column type.
 * @throws {@link CsvSchemaError} when the header is missing or an override names an unknown column.
 */
export async function loadCsv(source: Readable, target: CsvLoadTarget, options: CsvLoadOptions = {}): Promise<CsvLoadResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // Two line breaks at least, so that the sample contains the header and one record.
  const sample = await sampleStream(source, options.sampleBytes ?? DEFAULT_SAMPLE_BYTES, 2);

  try {
    const detected = options.delimiter === undefined || options.quote === undefined ? detectCsvDialect(sample.text, sample.complete) : undefined;
    const dialect: CsvDialect = {
      delimiter: options.delimiter ?? detected!.delimiter,
      quote: options.quote === undefined ? detected!.quote : options.quote,
    };

    const [header = [], ...sampleRecords] = parseSampleRecords(sample.text, dialect, sample.complete);
    const columns = inferCsvColumns(header, sampleRecords, options.columnTypes);
    await target.prepare(columns);

    const parser = new Parser({ delimiter: dialect.delimiter, quote: dialect.quote, bom: true, skip_empty_lines: true, relax_column_count: true, from_line: 2, info: true });
    const parsing = pipeline(sample.replay, parser);

    let rowCount = 0;
    let batch: CsvRow[] = [];
    const flush = async (): Promise<void> => {
      options.signal?.throwIfAborted();
      await target.insert(batch);
      rowCount += batch.length;
      batch = [];
      options.onProgress?.(rowCount);
    };

    try {
      for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
        if (parsed.record.length !== columns.length) {
          const message = `Line ${parsed.info.lines} has ${parsed.record.length} fields but the header has ${columns.length}: check the separator and quote character, or give them in the input`;
          throw new CsvLoadError(message, parsed.info.lines, { cause: undefined });
        }
        batch.push(toRow(columns, parsed));
        if (batch.length >= batchSize) {
          await flush();
        }
      }
      await parsing;
    } catch (error) {
      parser.destroy();
      await parsing.catch(() => undefined);
      throw wrapParseError(error);
    }
    if (batch.length > 0) {
      await flush();
    }

    return { dialect, columns, rowCount };
  } finally {
    source.destroy();
  }
}

function wrapParseError(error: unknown): unknown {
  if (error instanceof CsvLoadError || !(error instanceof Error) || !('code' in error) || typeof error.code !== 'string' || !error.code.startsWith('CSV_')) {
    return error;
  }
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : 0;
  return new CsvLoadError(`Line ${line}: ${error.message}`, line, { cause: error });
}
