/**
 * SQL-facing type of a CSV column, detected from a sample of values or given
 * by the caller.
 *
 * - `integer`: whole numbers within the signed 32-bit range, without leading zeros;
 * - `bigint`: whole numbers within the signed 64-bit range;
 * - `decimal`: decimal numbers, with an optional exponent;
 * - `boolean`: `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n` in any case;
 * - `date`: ISO 8601 calendar dates (`2024-03-31`);
 * - `timestamp`: ISO 8601 date and time (`2024-03-31T12:30:00Z`, `2024-03-31 12:30`);
 * - `text`: anything else.
 */
export type ColumnType = 'integer' | 'bigint' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'text';

/** Every column type, most specific first: detection picks the first one all sampled values fit. */
export const COLUMN_TYPES: readonly ColumnType[] = ['boolean', 'integer', 'bigint', 'decimal', 'date', 'timestamp', 'text'];

/** Value of a CSV field once converted for the database. */
export type ColumnValue = string | number | boolean | null;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const WHOLE_NUMBER = /^[+-]?(0|[1-9]\d*)$/;
const DECIMAL_NUMBER = /^[+-]?(0|[1-9]\d*)?(\.\d+)?([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n']);

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fitsBigint(value: string): boolean {
  if (!WHOLE_NUMBER.test(value)) {
    return false;
  }
  const parsed = BigInt(value);
  return parsed >= INT64_MIN && parsed <= INT64_MAX;
}

/** Tests whether a non-empty field value can be stored in a column of the given type. */
export function fitsColumnType(value: string, type: ColumnType): boolean {
  switch (type) {
    case 'boolean': {
      const word = value.toLowerCase();
      return TRUE_WORDS.has(word) || FALSE_WORDS.has(word);
    }
    case 'integer':
      return WHOLE_NUMBER.test(value) && Number(value) >= INT32_MIN && Number(value) <= INT32_MAX;
    case 'bigint':
      return fitsBigint(value);
    case 'decimal':
      // The pattern lets every part be optional, so a digit must be checked for separately.
      return DECIMAL_NUMBER.test(value) && /\d/.test(value.split(/[eE]/)[0]);
    case 'date': {
      const match = ISO_DATE.exec(value);
      return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    }
    case 'timestamp': {
      const match = ISO_TIMESTAMP.exec(value) ?? ISO_DATE.exec(value);
      if (match === null || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        return false;
      }
      const [hours, minutes, seconds] = [match[4], match[5], match[6]].map((part) => Number(part ?? 0));
      return hours <= 23 && minutes <= 59 && seconds <= 59;
    }
    case 'text':
      return true;
  }
}

/**
 * Detects the most specific type that every non-empty value fits. A column whose
 * sampled values are all empty is `text`.
 */
export function detectColumnType(values: Iterable<string>): ColumnType {
  let candidates = COLUMN_TYPES.slice();
  let sawValue = false;

  for (const value of values) {
    if (value === '') {
      continue;
    }
    sawValue = true;
    candidates = candidates.filter((type) => fitsColumnType(value, type));
    if (candidates.length === 1) {
      break;
    }
  }

  return sawValue ? candidates[0] : 'text';
}

/** Thrown when a field does not fit the type of its column. */
export class ColumnValueError extends Error {
  override readonly name = 'ColumnValueError';

  constructor(
    readonly column: string,
    readonly type: ColumnType,
    readonly value: string,
  ) {
    super(`Value ${JSON.stringify(value.slice(0, 80))} of column "${column}" is not a valid ${type}`);
  }
}

/**
 * Converts one field to the value inserted into the database. Empty fields
 * become null. Numbers that a JavaScript number cannot hold exactly (`bigint`,
 * `decimal`) stay strings, which every supported database casts on insert.
 *
 * @throws {@link ColumnValueError} when the value does not fit the type.
 */
export function convertColumnValue(column: string, type: ColumnType, value: string): ColumnValue {
  if (value === '') {
    return null;
  }
  if (!fitsColumnType(value, type)) {
    throw new ColumnValueError(column, type, value);
  }

  switch (type) {
    case 'boolean':
      return TRUE_WORDS.has(value.toLowerCase());
    case 'integer':
      return Number(value);
    default:
      return value;
  }
}
