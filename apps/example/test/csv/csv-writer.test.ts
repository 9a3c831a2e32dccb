import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createCsvWriter } from '../../src/csv/csv-writer';

describe('createCsvWriter', () => {
  it('writes a header and quotes fields that need it', async () => {
    const writer = createCsvWriter();
    const rows = [
      { state: 'AK', name: 'Say "hi", Alaska', count: 263, active: true, at: new Date(Date.UTC(2024, 0, 2)), none: null },
      { state: 'TX', name: 'two\nlines', count: 209, active: false, at: null, none: null },
    ];

    const output = await text(Readable.from(rows).pipe(writer));

    expect(output).toBe(
      'state,name,count,active,at,none\n' + 'AK,"Say ""hi"", Alaska",263,true,2024-01-02T00:00:00.000Z,\n' + 'TX,"two\nlines",209,false,,\n',
    );
    expect(writer.info.records).toBe(2);
  });

  it('writes bigints, buffers and objects', async () => {
    const output = await text(Readable.from([{ big: 12n, raw: Buffer.from('hi'), json: { a: 1 } }]).pipe(createCsvWriter()));

    expect(output).toBe('big,raw,json\n12,aGk=,"{""a"":1}"\n');
  });

  it('uses the given dialect, columns and header setting', async () => {
    const writer = createCsvWriter({ dialect: { delimiter: ';', quote: "'" }, columns: ['b', 'a'], header: false });

    const output = await text(Readable.from([{ a: 'x;y', b: 1 }]).pipe(writer));

    expect(output).toBe("1;'x;y'\n");
  });

  it('writes only the header of the given columns when there are no rows', async () => {
    const output = await text(Readable.from([]).pipe(createCsvWriter({ columns: ['a', 'b'] })));

    expect(output).toBe('a,b\n');
  });
});
