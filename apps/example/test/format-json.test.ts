import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/execution/format-json';

describe('formatJson', () => {
  it('keeps short rows on one line', () => {
    const output = { rowsLoaded: 2, states: [{ state: 'AK', airports: 263 }, { state: 'TX', airports: 209 }], file: 'file://exports/a.csv' };

    expect(formatJson(output)).toBe(
      ['{', '  "rowsLoaded": 2,', '  "states": [', '    { "state": "AK", "airports": 263 },', '    { "state": "TX", "airports": 209 }', '  ],', '  "file": "file://exports/a.csv"', '}'].join('\n'),
    );
  });

  it('breaks long and nested values like JSON.stringify', () => {
    const value = { text: 'x'.repeat(80), nested: { list: [1, [2, 3]] }, empty: [], none: {} };

    expect(JSON.parse(formatJson(value))).toEqual(value);
    expect(formatJson(value)).toContain(`"text": "${'x'.repeat(80)}"`);
    expect(formatJson(value)).toContain('"empty": []');
  });

  it('formats plain values', () => {
    expect(formatJson(null)).toBe('null');
    expect(formatJson('a"b')).toBe('"a\\"b"');
    expect(formatJson([])).toBe('[]');
  });
});
