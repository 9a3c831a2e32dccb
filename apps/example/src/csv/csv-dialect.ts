import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';

/** Field separator and quote character of a CSV file. */
export interface CsvDialect {
  /** Field separator, one character. */
  readonly delimiter: string;
  /** Quote character, or `null` when fields are never quoted. */
  readonly quote: string | null;
}

/** Field separators tried by {@link detectCsvDialect}, in order of preference on a tie. */
export const DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t', '|'];

/** Quote characters tried by {@link detectCsvDialect}, in order of preference on a tie. */
export const QUOTE_CANDIDATES: readonly (string | null)[] = ['"', "'", null];

/** Records of the sample that dialect detection looks at. */
const DETECTION_RECORDS = 200;

/** Line breaks dropped from the end of a sample whose last record may be cut inside a quoted field. */
const MAX_TRIMMED_LINES = 20;

/** Index of the last `\n` or `\r` at or before `position`, or -1. */
function lastLineBreak(text: string, position: number): number {
  return Math.max(text.lastIndexOf('\n', position), text.lastIndexOf('\r', position));
}

/**
 * Parses the complete records of a sample: when `complete` is false the text
 * was cut from a longer file, so its last line is dropped, and more lines are
 * dropped while a quoted field is left open.
 *
 * @throws `CsvError` when the sample is not valid CSV in this dialect.
 */
export function parseSampleRecords(sample: string, dialect: CsvDialect, complete: boolean, maxRecords?: number): string[][] {
  let text = complete ? sample : sample.slice(0, lastLineBreak(sample, sample.length) + 1);

  for (let attempt = 0; ; attempt += 1) {
    try {
      return parse(text, {
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        to: maxRecords,
      });
    } catch (error) {
      const canTrim = !complete && attempt < MAX_TRIMMED_LINES && error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED';
      if (!canTrim) {
        throw error;
      }
      const withoutLastBreak = text.replace(/[\r\n]+$/, '');
      text = text.slice(0, lastLineBreak(withoutLastBreak, withoutLastBreak.length - 1) + 1);
    }
  }
}

interface DialectScore {
  readonly dialect: CsvDialect;
  /** Share of records whose field count is the most common one, from 0 to 1. */
  readonly consistency: number;
  readonly fieldCount: number;
}

function scoreDialect(sample: string, dialect: CsvDialect, complete: boolean): DialectScore | undefined {
  let records: string[][];
  try {
    records = parseSampleRecords(sample, dialect, complete, DETECTION_RECORDS);
  } catch {
    return undefined;
  }
  if (records.length === 0) {
    return undefined;
  }

  const recordsByFieldCount = new Map<number, number>();
  for (const record of records) {
    recordsByFieldCount.set(record.length, (recordsByFieldCount.get(record.length) ?? 0) + 1);
  }
  const [fieldCount, recordCount] = [...recordsByFieldCount].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];

  return { dialect, consistency: recordCount / records.length, fieldCount };
}

/**
 * Detects the separator and quote character of a CSV sample: every candidate
 * pair parses the first records, and the pair giving the same number of fields
 * (at least two) on the most records wins. Ties go to more fields, then to the
 * order of the candidate lists. Quote characters other than `"` are tried only
 * when they occur in the sample. A sample no pair splits into two fields or more
 * is read as one column separated by commas and quoted with `"`.
 *
 * @param complete - whether `sample` is the whole file; when false, its last line is ignored.
 */
export function detectCsvDialect(sample: string, complete: boolean): CsvDialect {
  let best: DialectScore | undefined;

  for (const delimiter of DELIMITER_CANDIDATES) {
    for (const quote of QUOTE_CANDIDATES) {
      // A quote character absent from the sample would win ties it has no part in.
      if (quote !== null && quote !== QUOTE_CANDIDATES[0] && !sample.includes(quote)) {
        continue;
      }
      const score = scoreDialect(sample, { delimiter, quote }, complete);
      if (score === undefined || score.fieldCount < 2) {
        continue;
      }
      const better = best === undefined || score.consistency > best.consistency || (score.consistency === best.consistency && score.fieldCount > best.fieldCount);
      if (better) {
        best = score;
      }
    }
  }

  return best?.dialect ?? { delimiter: DELIMITER_CANDIDATES[0], quote: QUOTE_CANDIDATES[0] };
}
