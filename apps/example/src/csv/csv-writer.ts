import { type Stringifier, stringify } from 'csv-stringify';
import type { CsvDialect } from './csv-dialect';

/** Options of {@link createCsvWriter}. */
export interface CsvWriterOptions {
  /**
   * Field separator and quote character of the output; a `null` quote writes fields unquoted.
   * @default { delimiter: ',', quote: '"' }
   */
  readonly dialect?: CsvDialect;
  /**
   * Whether the first line names the columns.
   * @default true
   */
  readonly header?: boolean;
  /** Column names in output order; by default, the keys of the first row. */
  readonly columns?: readonly string[];
}

/** A csv-stringify transform with the row counter it keeps. */
export interface CsvWriter extends Stringifier {
  // csv-stringify 6.9 maintains `info` at runtime, but its type declarations leave it out.
  readonly info: { readonly records: number };
}

function formatObject(value: Record<string, unknown>): string {
  return Buffer.isBuffer(value) ? value.toString('base64') : JSON.stringify(value);
}

/**
 * Creates a transform from database rows (objects) to CSV text with RFC 4180
 * quoting and `\n` line ends. Dates are written in ISO 8601, booleans as
 * `true`/`false`, null as an empty field, buffers in base64 and other objects as
 * JSON. With no rows and no `columns`, the output is empty because no header
 * can be known. `info.records` counts the rows written.
 */
export function createCsvWriter(options: CsvWriterOptions = {}): CsvWriter {
  const dialect = options.dialect ?? { delimiter: ',', quote: '"' };

  const writer = stringify({
    header: options.header ?? true,
    columns: options.columns === undefined ? undefined : [...options.columns],
    delimiter: dialect.delimiter,
    quote: dialect.quote ?? false,
    record_delimiter: 'unix',
    cast: {
      boolean: (value) => String(value),
      date: (value) => value.toISOString(),
      bigint: (value) => value.toString(),
      object: formatObject,
    },
  });
  return writer as CsvWriter;
}
