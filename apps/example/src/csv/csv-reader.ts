import type { Readable } from 'node:stream';
import { Parser } from 'csv-parse';
import { type ColumnType, type ColumnValue, convertColumnValue } from './column-type';
import { type CsvDialect, detectCsvDialect, parseSampleRecords } from './csv-dialect';
import { type CsvColumn, inferCsvColumns } from './csv-schema';
import { sampleStream } from './stream-sample';

/** A table row built from one CSV record, keyed by column name. */
export type CsvRow = Record<string, ColumnValue>;

/** Options of {@link openCsv}. */
export interface OpenCsvOptions {
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
  /** Stops reading rows when aborted; the rows iterator then throws the signal's reason. */
  readonly signal?: AbortSignal;
}

/** A CSV file whose header and sample have been read, ready to stream its rows. */
export interface CsvFile {
  readonly dialect: CsvDialect;
  readonly columns: readonly CsvColumn[];
  /**
   * Converted data rows, in file order, the header excluded. Iterate once: the
   * rows come from the source stream, which is destroyed when the iteration
   * ends. A caller that does not iterate must destroy the source itself.
   */
  readonly rows: AsyncIterable<CsvRow>;
}

/** Thrown when a record of the CSV file cannot be read or converted; `line` is 1-based. */
export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';

  constructor(
    message: string,
    readonly line: number,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_SAMPLE_BYTES = 1024 * 1024;

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function toRow(columns: readonly CsvColumn[], parsed: ParsedRecord): CsvRow {
  const line = parsed.info.lines;
  if (parsed.record.length !== columns.length) {
    const message = `Line ${line} has ${parsed.record.length} fields but the header has ${columns.length}: check the separator and quote character, or give them in the input`;
    throw new CsvReadError(message, line);
  }

  const row: CsvRow = {};
  columns.forEach((column, index) => {
    try {
      row[column.name] = convertColumnValue(column.name, column.type, parsed.record[index]);
    } catch (error) {
      const message = `Line ${line}: ${(error as Error).message}. Give this column's type in the input's column types (for example "text") or fix the value`;
      throw new CsvReadError(message, line, { cause: error });
    }
  });
  return row;
}

function wrapParseError(error: unknown): unknown {
  const isCsvParseError = error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_');
  if (!isCsvParseError) {
    return error;
  }
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : 0;
  return new CsvReadError(`Line ${line}: ${error.message}`, line, { cause: error });
}

async function* readRows(replay: Readable, dialect: CsvDialect, columns: readonly CsvColumn[], signal: AbortSignal | undefined): AsyncGenerator<CsvRow> {
  const parser = new Parser({
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    from_line: 2,
    info: true,
  });
  replay.on('error', (error) => parser.destroy(error));
  replay.pipe(parser);

  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      signal?.throwIfAborted();
      yield toRow(columns, parsed);
    }
  } catch (error) {
    throw wrapParseError(error);
  } finally {
    replay.destroy();
    parser.destroy();
  }
}

/**
 * Opens a CSV stream: reads a sample to detect what the options leave out
 * (separator, quote, column types), then returns the columns and an iterator
 * over the converted rows. The first record is the header. Memory use is
 * bounded by the sample, whatever the file size.
 *
 * The rows iterator throws {@link CsvReadError} on a malformed record or a value
 * that does not fit its column type.
 *
 * @throws {@link CsvSchemaError} when the header is missing or an override names an unknown column.
 * @throws `CsvError` when the sample is not valid CSV in the given or detected dialect.
 */
export async function openCsv(source: Readable, options: OpenCsvOptions = {}): Promise<CsvFile> {
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

    return { dialect, columns, rows: readRows(sample.replay, dialect, columns, options.signal) };
  } catch (error) {
    source.destroy();
    throw wrapParseError(error);
  }
}
