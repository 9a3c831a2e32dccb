import { type ColumnType, detectColumnType } from './column-type';

/** One column of the table a CSV file is loaded into. */
export interface CsvColumn {
  /** Column name, from the header. */
  readonly name: string;
  readonly type: ColumnType;
  /** Whether the type came from the caller's overrides instead of detection. */
  readonly overridden: boolean;
}

/** Thrown when the header or the type overrides cannot describe a table. */
export class CsvSchemaError extends Error {
  override readonly name = 'CsvSchemaError';
}

/**
 * Turns header fields into column names: surrounding spaces are trimmed, an
 * empty name becomes `column_<position>` (from 1), and a repeated name gets
 * `_2`, `_3`... so that every column name is unique.
 */
export function columnNamesFromHeader(header: readonly string[]): string[] {
  const used = new Set<string>();

  return header.map((field, index) => {
    const base = field.trim() === '' ? `column_${index + 1}` : field.trim();
    let name = base;
    for (let suffix = 2; used.has(name.toLowerCase()); suffix += 1) {
      name = `${base}_${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * Describes the columns of a CSV file from its header and sample records: each
 * column gets the type in `overrides`, or else the type detected from its
 * sampled values.
 *
 * @throws {@link CsvSchemaError} when the header is empty or an override names no column of the header.
 */
export function inferCsvColumns(
  header: readonly string[],
  sampleRecords: readonly (readonly string[])[],
  overrides: Readonly<Record<string, ColumnType>> = {},
): CsvColumn[] {
  if (header.length === 0) {
    throw new CsvSchemaError('The CSV file has no header line: the first line must name the columns');
  }
  const names = columnNamesFromHeader(header);

  const unknown = Object.keys(overrides).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new CsvSchemaError(`Column type overrides name columns that are not in the header: ${unknown.join(', ')}. Header columns: ${names.join(', ')}`);
  }

  return names.map((name, index) => {
    const override = overrides[name];
    if (override !== undefined) {
      return { name, type: override, overridden: true };
    }
    const values = sampleRecords.map((record) => record[index] ?? '');
    return { name, type: detectColumnType(values), overridden: false };
  });
}
