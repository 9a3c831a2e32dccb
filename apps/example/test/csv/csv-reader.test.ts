import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { airportsCsvPath } from '../../src/bootstrap/airports-dataset';
import { CsvReadError, type CsvRow, openCsv } from '../../src/csv/csv-reader';
import { CsvSchemaError } from '../../src/csv/csv-schema';

/** Splits text into small chunks so that records and characters straddle chunk borders. */
function chunkedStream(text: string, chunkSize: number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  }
  return Readable.from(chunks, { objectMode: false });
}

async function collect(rows: AsyncIterable<CsvRow>): Promise<CsvRow[]> {
  const collected: CsvRow[] = [];
  for await (const row of rows) {
    collected.push(row);
  }
  return collected;
}

describe('openCsv', () => {
  it('reads every airport with detected columns', async () => {
    const file = await openCsv(createReadStream(airportsCsvPath()), { sampleBytes: 16 * 1024 });
    const rows = await collect(file.rows);

    expect(file.dialect).toEqual({ delimiter: ',', quote: '"' });
    expect(file.columns.map((column) => [column.name, column.type])).toEqual([
      ['iata', 'text'],
      ['name', 'text'],
      ['city', 'text'],
      ['state', 'text'],
      ['country', 'text'],
      ['latitude', 'decimal'],
      ['longitude', 'decimal'],
    ]);
    expect(rows).toHaveLength(3376);
    expect(rows.find((row) => row.iata === 'DBN')?.name).toBe('W. H. "Bud" Barron');
    expect(rows.at(-1)).toEqual({ iata: 'ZZV', name: 'Zanesville Municipal', city: 'Zanesville', state: 'OH', country: 'USA', latitude: '39.94445833', longitude: '-81.89210528' });
  });

  it('reads records and UTF-8 characters split across chunks', async () => {
    const text = 'city;note\nZürich;"two\nlines"\nKraków;ok\n';

    const file = await openCsv(chunkedStream(text, 3), { sampleBytes: 8 });

    expect(await collect(file.rows)).toEqual([
      { city: 'Zürich', note: 'two\nlines' },
      { city: 'Kraków', note: 'ok' },
    ]);
  });

  it('applies column type overrides and converts values', async () => {
    const text = '\uFEFFid,zip,active,since\n1,01234,yes,2024-01-31\n2,,no,\n';

    const file = await openCsv(Readable.from([text]), { columnTypes: { id: 'text' } });

    expect(file.columns.map((column) => [column.name, column.type, column.overridden])).toEqual([
      ['id', 'text', true],
      ['zip', 'text', false],
      ['active', 'boolean', false],
      ['since', 'date', false],
    ]);
    expect(await collect(file.rows)).toEqual([
      { id: '1', zip: '01234', active: true, since: '2024-01-31' },
      { id: '2', zip: null, active: false, since: null },
    ]);
  });

  it('uses the given separator and quote', async () => {
    const file = await openCsv(Readable.from(["a|b\n'x|y'|2\n"]), { delimiter: '|', quote: "'" });

    expect(file.dialect).toEqual({ delimiter: '|', quote: "'" });
    expect(await collect(file.rows)).toEqual([{ a: 'x|y', b: 2 }]);
  });

  it('reports the line of a value that does not fit', async () => {
    const lines = ['n'];
    for (let i = 0; i < 50; i += 1) {
      lines.push(String(i));
    }
    lines.push('many');

    const file = await openCsv(Readable.from([lines.join('\n')]), { sampleBytes: 64 });
    const reading = collect(file.rows);

    await expect(reading).rejects.toThrow(CsvReadError);
    await expect(reading).rejects.toThrow(
      'Line 52: Value "many" of column "n" is not a valid integer. Give this column\'s type in the input\'s column types (for example "text") or fix the value',
    );
  });

  it('reports a record with a wrong number of fields', async () => {
    const file = await openCsv(Readable.from(['a,b\n1,2\n3\n']), { delimiter: ',' });

    await expect(collect(file.rows)).rejects.toThrow('Line 3 has 1 fields but the header has 2');
  });

  it('reports a quote left open after the sample', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 50; i += 1) {
      lines.push(`${i},x`);
    }
    lines.push('51,"open');

    const file = await openCsv(Readable.from([lines.join('\n')]), { sampleBytes: 16 });

    await expect(collect(file.rows)).rejects.toThrow(/^Line \d+: Quote Not Closed/);
  });

  it('rejects overrides naming unknown columns', async () => {
    const opening = openCsv(Readable.from(['a,b\n1,2\n']), { columnTypes: { c: 'text' } });

    await expect(opening).rejects.toThrow(CsvSchemaError);
    await expect(opening).rejects.toThrow('Column type overrides name columns that are not in the header: c. Header columns: a, b');
  });

  it('rejects a file without a header', async () => {
    await expect(openCsv(Readable.from(['']))).rejects.toThrow('The CSV file has no header line');
  });

  it('stops reading when the signal aborts', async () => {
    const controller = new AbortController();
    const source = createReadStream(airportsCsvPath());
    const file = await openCsv(source, { signal: controller.signal });
    let count = 0;

    const reading = (async () => {
      for await (const _row of file.rows) {
        count += 1;
        if (count === 100) {
          controller.abort(new Error('task cancelled'));
        }
      }
    })();

    await expect(reading).rejects.toThrow('task cancelled');
    expect(count).toBe(100);
    expect(source.destroyed).toBe(true);
  });
});
