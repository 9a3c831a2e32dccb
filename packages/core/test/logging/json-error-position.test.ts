import { describe, expect, it } from 'vitest';

import { findJsonErrorPosition } from '../../src/logging/json-error-position';

/** Returns the offset that V8 reports in its message, for the errors whose message has one. */
function parserOffset(text: string): number {
  try {
    JSON.parse(text);
  } catch (error) {
    const match = / at position (\d+)/.exec((error as Error).message);
    if (match !== null) {
      return Number(match[1]);
    }
  }
  throw new Error(`JSON.parse reported no position for ${text}`);
}

describe(findJsonErrorPosition.name, () => {
  it.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]} ', '\uFEFF{"b": {}}', '"text"', '0'])('returns undefined for valid JSON %j', (text) => {
    expect(findJsonErrorPosition(text)).toBeUndefined();
  });

  it.each(['{"a":1,}', '{"a" 1}', '{"a":"x', '[1 2]', '{a:1}', '{"a":1}x', '{"a":01}', '{"a":"\\q"}'])('finds the offset that JSON.parse reports in %j', (text) => {
    expect(findJsonErrorPosition(text)).toEqual({ line: 1, column: parserOffset(text) + 1 });
  });

  it.each([
    ['{"a":SEQ}', { line: 1, column: 6 }],
    ['{\n  "a": tru}', { line: 2, column: 8 }],
    ['{"a": 1', { line: 1, column: 8 }],
    ['', { line: 1, column: 1 }],
  ])('finds the first invalid character of %j', (text, position) => {
    expect(findJsonErrorPosition(text)).toEqual(position);
  });
});
