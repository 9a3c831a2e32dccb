import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { airportsCsvPath } from '../../src/bootstrap/airports-dataset';
import { CsvLoadError, type CsvLoadTarget, type CsvRow, loadCsv } from '../../src/csv/csv-loader';
import type { CsvColumn } from '../../src/csv/csv-schema';
import { CsvSchemaError } from '../../src/csv/csv-schema';

class RecordingTarget implements CsvLoadTarget {
  columns: readonly CsvColumn[] = [];
  batches: CsvRow[][] = [];

  async prepare(columns: readonly CsvColumn[]): Promise<void> {
    this.columns = columns;
  }

  async insert(rows: readonly CsvRow[]): Promise<void> {
    this.batches.push([...rows]);
  }

  rows(): CsvRow[] {
    return this.batches.flat();
  }
}

/** Splits text into small chunks so that records and characters straddle chunk borders. */
function chunkedStream(text: string, chunkSize: number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  }
  return Readable.from(chunks, { objectMode: false });
}

describe('loadCsv', () => {
  it('loads every airport with detected columns', async () => {
    const target = new RecordingTarget();

    const result = await loadCsv(createReadStream(airportsCsvPath()), target, { sampleBytes: 16 * 1024, batchSize: 500 });

    expect(result.dialect).toEqual({ delimiter: ',', quote: '"' });
    expect(result.columns.map((column) => [column.name, column.type])).toEqual([
      ['iata', 'text'],
      ['name', 'text'],
      ['city', 'text'],
      ['state', 'text'],
      ['country', 'text'],
      ['latitude', 'decimal'],
      ['longitude', 'decimal'],
    ]);
    expect(result.rowCount).toBe(3376);
    expect(target.rows()).toHaveLength(3376);
    expect(target.batches.map((batch) => batch.length).slice(0, 2)).toEqual([500, 500]);
    expect(target.rows().find((row) => row.iata === 'DBN')?.name).toBe('W. H. "Bud" Barron');
  });

  it('reads records and UTF-8 characters split across chunks', async () => {
    const target = new RecordingTarget();
    const text = 'city;note\nZürich;"two\nlines"\nKraków;ok\n';

    const result = await loadCsv(chunkedStream(text, 3), target, { sampleBytes: 8 });

    expect(result.rowCount).toBe(2);
    expect(target.rows()).toEqual([
      { city: 'Zürich', note: 'two\nlines' },
      { city: 'Kraków', note: 'ok' },
    ]);
  });

  it('applies column type overrides and converts values', async () => {
    const target = new RecordingTarget();
    const text = '\uFEFFid,zip,active,since\n1,01234,yes,2024-01-31\n2,,no,\n';

    await loadCsv(Readable.from([text]), target, { columnTypes: { id: 'text' } });

    expect(target.columns.map((column) => [column.name, column.type, column.overridden])).toEqual([
      ['id', 'text', true],
      ['zip', 'text', false],
      ['active', 'boolean', false],
      ['since', 'date', false],
    ]);
    expect(target.rows()).toEqual([
      { id: '1', zip: '01234', active: true, since: '2024-01-31' },
      { id: '2', zip: null, active: false, since: null },
    ]);
  });

  it('uses the given separator and quote instead of detecting them', async () => {
    const target = new RecordingTarget();

    const result = await loadCsv(Readable.from(["a|b\n'x|y'|2\n"]), target, { delimiter: '|', quote: "'" });

    expect(result.dialect).toEqual({ delimiter: '|', quote: "'" });
    expect(target.rows()).toEqual([{ a: 'x|y', b: 2 }]);
  });

  it('reports the line of a value that does not fit the detected type', async () => {
    const lines = ['n'];
    for (let i = 0; i < 50; i += 1) {
      lines.push(String(i));
    }
    lines.push('many');
    const target = new RecordingTarget();

    const load = loadCsv(Readable.from([lines.join('\n')]), target, { sampleBytes: 64 });

    await expect(load).rejects.toThrow(CsvLoadError);
    await expect(loadCsv(Readable.from([lines.join('\n')]), new RecordingTarget(), { sampleBytes: 64 })).rejects.toThrow(
      'Line 52: Value "many" of column "n" is not a valid integer. Give this column\'s type in the input\'s column types (for example "text") or fix the value',
    );
  });

  it('reports a record with a wrong number of fields', async () => {
    const load = loadCsv(Readable.from(['a,b\n1,2\n3\n']), new RecordingTarget(), { delimiter: ',' });

    await expect(load).rejects.toThrow('Line 3 has 1 fields but the header has 2');
  });

  it('rejects overrides naming unknown columns', async () => {
    const load = loadCsv(Readable.from(['a,b\n1,2\n']), new RecordingTarget(), { columnTypes: { c: 'text' } });

    await expect(load).rejects.toThrow(CsvSchemaError);
  });

  it('stops between batches when the signal aborts', async () => {
    const controller = new AbortController();
    const target = new RecordingTarget();
    const insert = target.insert.bind(target);
    target.insert = async (rows) => {
      await insert(rows);
      controller.abort(new Error('task cancelled'));
    };

    const load = loadCsv(createReadStream(airportsCsvPath()), target, { batchSize: 100, signal: controller.signal });

    await expect(load).rejects.toThrow('task cancelled');
    expect(target.batches).toHaveLength(1);
  });

  it('reports progress after each batch', async () => {
    const progress: number[] = [];

    await loadCsv(Readable.from(['n\n1\n2\n3\n']), new RecordingTarget(), { batchSize: 2, onProgress: (count) => progress.push(count) });

    expect(progress).toEqual([2, 3]);
  });
});
