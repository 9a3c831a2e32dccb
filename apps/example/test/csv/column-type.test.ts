import { describe, expect, it } from 'vitest';
import { ColumnValueError, convertColumnValue, detectColumnType, fitsColumnType } from '../../src/csv/column-type';

describe('detectColumnType', () => {
  it.each([
    [['1', '-42', '2147483647'], 'integer'],
    [['1', '2147483648'], 'bigint'],
    [['9223372036854775807'], 'bigint'],
    [['9223372036854775808'], 'decimal'],
    [['1', '2.5', '-0.25', '1e-3', '.5'], 'decimal'],
    [['true', 'FALSE', 'Yes', 'n'], 'boolean'],
    [['2024-02-29', '1999-12-31'], 'date'],
    [['2024-02-29', '2024-03-01T10:15:30Z', '2024-03-01 10:15'], 'timestamp'],
    [['2024-03-01T10:15:30.123+02:00'], 'timestamp'],
    [['00M', '01G'], 'text'],
    [['007', '12'], 'text'],
    [['1', 'x'], 'text'],
    [['0', '1'], 'integer'],
  ] as const)('detects %j as %s', (values, expected) => {
    expect(detectColumnType(values)).toBe(expected);
  });

  it('ignores empty values', () => {
    expect(detectColumnType(['', '3', ''])).toBe('integer');
  });

  it('returns text when every value is empty', () => {
    expect(detectColumnType(['', ''])).toBe('text');
  });
});

describe('fitsColumnType', () => {
  it('rejects dates that are not on the calendar', () => {
    expect(fitsColumnType('2023-02-29', 'date')).toBe(false);
    expect(fitsColumnType('2024-13-01', 'date')).toBe(false);
  });

  it('rejects times out of range', () => {
    expect(fitsColumnType('2024-01-01T24:00:00', 'timestamp')).toBe(false);
    expect(fitsColumnType('2024-01-01T23:60', 'timestamp')).toBe(false);
  });

  it('rejects numbers without digits', () => {
    expect(fitsColumnType('+', 'decimal')).toBe(false);
    expect(fitsColumnType('e5', 'decimal')).toBe(false);
    expect(fitsColumnType('.', 'decimal')).toBe(false);
  });
});

describe('convertColumnValue', () => {
  it('turns an empty field into null', () => {
    expect(convertColumnValue('a', 'integer', '')).toBeNull();
  });

  it('converts integers and booleans to JavaScript values', () => {
    expect(convertColumnValue('a', 'integer', '-12')).toBe(-12);
    expect(convertColumnValue('a', 'boolean', 'Y')).toBe(true);
    expect(convertColumnValue('a', 'boolean', 'false')).toBe(false);
  });

  it('keeps big and decimal numbers as exact strings', () => {
    expect(convertColumnValue('a', 'bigint', '9007199254740993')).toBe('9007199254740993');
    expect(convertColumnValue('a', 'decimal', '0.1000000000000000055')).toBe('0.1000000000000000055');
  });

  it('throws a ColumnValueError naming the column, type and value', () => {
    const convert = (): unknown => convertColumnValue('latitude', 'decimal', 'north');
    expect(convert).toThrow(ColumnValueError);
    expect(convert).toThrow('Value "north" of column "latitude" is not a valid decimal');
  });
});
