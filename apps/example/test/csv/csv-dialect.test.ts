import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCsvDialect, parseSampleRecords } from '../../src/csv/csv-dialect';
import { airportsCsvPath } from '../../src/bootstrap/airports-dataset';

describe('detectCsvDialect', () => {
  it('detects commas and double quotes in the airports data set', () => {
    const sample = readFileSync(airportsCsvPath(), 'utf8');
    expect(detectCsvDialect(sample, true)).toEqual({ delimiter: ',', quote: '"' });
  });

  it('detects semicolons when commas are part of the values', () => {
    const sample = 'name;amount\nSmith, John;1,5\nDoe, Jane;2,25\n';
    expect(detectCsvDialect(sample, true)).toEqual({ delimiter: ';', quote: '"' });
  });

  it('detects tabs and pipes', () => {
    expect(detectCsvDialect('a\tb\tc\n1\t2\t3\n', true).delimiter).toBe('\t');
    expect(detectCsvDialect('a|b\n1|2\n', true).delimiter).toBe('|');
  });

  it('detects single quotes when they enclose separators', () => {
    const sample = "id,label\n1,'a, b'\n2,'c, d'\n3,plain\n";
    expect(detectCsvDialect(sample, true)).toEqual({ delimiter: ',', quote: "'" });
  });

  it('detects unquoted files whose values contain double quotes', () => {
    const sample = 'id,size\n1,5" pipe\n2,3" pipe\n';
    expect(detectCsvDialect(sample, true)).toEqual({ delimiter: ',', quote: null });
  });

  it('falls back to commas and double quotes on a single column', () => {
    expect(detectCsvDialect('name\nAlice\nBob\n', true)).toEqual({ delimiter: ',', quote: '"' });
  });
});

describe('parseSampleRecords', () => {
  it('drops the last line of an incomplete sample', () => {
    const records = parseSampleRecords('a,b\n1,2\n3,4', { delimiter: ',', quote: '"' }, false);
    expect(records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops a record cut inside a quoted field', () => {
    const records = parseSampleRecords('a,b\n1,2\n3,"multi\nline\n', { delimiter: ',', quote: '"' }, false);
    expect(records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops a cut record in a sample with CRLF line ends', () => {
    const records = parseSampleRecords('a,b\r\n1,2\r\n3,"multi\r\nline\r\n', { delimiter: ',', quote: '"' }, false);
    expect(records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('throws on an open quote in a complete sample', () => {
    expect(() => parseSampleRecords('a,b\n1,"2\n', { delimiter: ',', quote: '"' }, true)).toThrow(/Quote Not Closed/);
  });
});
