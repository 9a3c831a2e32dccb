import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbStore } from '@bevault-workers/stores';
import { Test, type TestingWorkerApp } from '@bevault-workers/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airportsCsvPath } from '../../src/bootstrap/airports-dataset';
import { CsvToTableWorker } from '../../src/workers';
import { createTempStores, type TempStores } from '../support/temp-stores';

describe(CsvToTableWorker.name, () => {
  let stores: TempStores;
  let app: TestingWorkerApp;
  let warehouse: DbStore;

  beforeEach(async () => {
    stores = createTempStores();
    mkdirSync(join(stores.directory, 'landing'));
    copyFileSync(airportsCsvPath(), join(stores.directory, 'landing', 'airports.csv'));
    app = await Test.createWorkerApp({ workers: [CsvToTableWorker], stores: stores.entries }).compile();
    warehouse = app.stores.get('warehouse') as DbStore;
  });

  afterEach(async () => {
    await app.close();
    stores.remove();
  });

  function writeLanding(name: string, content: string): string {
    writeFileSync(join(stores.directory, 'landing', name), content);
    return `file://landing/${name}`;
  }

  it('loads the airports CSV with detected columns', async () => {
    const outcome = await app.run('csv_to_table', { fileToken: 'file://landing/airports.csv', store: 'warehouse', table: 'airports' });

    expect(outcome).toEqual({
      status: 'succeeded',
      rawOutput: expect.any(String),
      output: {
        table: 'airports',
        rowCount: 3376,
        delimiter: ',',
        quote: '"',
        columns: [
          { name: 'iata', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'city', type: 'text' },
          { name: 'state', type: 'text' },
          { name: 'country', type: 'text' },
          { name: 'latitude', type: 'decimal' },
          { name: 'longitude', type: 'decimal' },
        ],
      },
    });
    expect(await warehouse.query('SELECT COUNT(*) AS n FROM airports')).toEqual([{ n: 3376 }]);
    expect(await warehouse.query('SELECT name, latitude FROM airports WHERE iata = ?', ['DBN'])).toEqual([{ name: 'W. H. "Bud" Barron', latitude: 32.56445806 }]);
  });

  it('logs progress while it loads', async () => {
    await app.run('csv_to_table', { fileToken: 'file://landing/airports.csv', store: 'warehouse', table: 'airports' });

    const progress = app.logs.entries.filter((entry) => entry.message === 'Rows read').map((entry) => entry.meta.rowCount);
    expect(progress).toEqual([1000, 2000, 3000]);
  });

  it('replaces the table by default and appends on request', async () => {
    const fileToken = writeLanding('small.csv', 'id,label\n1,a\n2,b\n');

    await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'small' });
    await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'small' });
    expect(await warehouse.query('SELECT COUNT(*) AS n FROM small')).toEqual([{ n: 2 }]);

    await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'small', ifExists: 'append' });
    expect(await warehouse.query('SELECT COUNT(*) AS n FROM small')).toEqual([{ n: 4 }]);
  });

  it('fails with Table.AlreadyExists when asked to', async () => {
    const fileToken = writeLanding('small.csv', 'id\n1\n');
    await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'small' });

    const outcome = await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'small', ifExists: 'fail' });

    expect(outcome).toEqual({
      status: 'failed',
      error: 'Table.AlreadyExists',
      cause: 'Table small exists in store warehouse. Set ifExists to "replace" or "append", or choose another table',
    });
  });

  it('uses the given separator, quote and column types', async () => {
    const fileToken = writeLanding('people.csv', "code;name;active\n007;'Bond; James';yes\n");

    const outcome = await app.run('csv_to_table', {
      fileToken,
      store: 'warehouse',
      table: 'people',
      delimiter: ';',
      quote: "'",
      columnTypes: { active: 'text' },
    });

    expect(outcome.status).toBe('succeeded');
    expect(await warehouse.query('SELECT code, name, active FROM people')).toEqual([{ code: '007', name: 'Bond; James', active: 'yes' }]);
  });

  it('stores detected integers, booleans and dates', async () => {
    const fileToken = writeLanding('typed.csv', 'n,flag,day\n42,true,2024-02-29\n-1,false,\n');

    await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'typed' });

    expect(await warehouse.query('SELECT n, flag, day FROM typed ORDER BY n')).toEqual([
      { n: -1, flag: 0, day: null },
      { n: 42, flag: 1, day: '2024-02-29' },
    ]);
  });

  it('fails with Csv.InvalidFormat on a value of the wrong type', async () => {
    const fileToken = writeLanding('bad.csv', 'n\n1\n2\nthree\n');

    const outcome = await app.run('csv_to_table', { fileToken, store: 'warehouse', table: 'bad', columnTypes: { n: 'integer' } });

    expect(outcome).toEqual({
      status: 'failed',
      error: 'Csv.InvalidFormat',
      cause: 'file://landing/bad.csv: Line 4: Value "three" of column "n" is not a valid integer. Give this column\'s type in the input\'s column types (for example "text") or fix the value',
    });
  });

  it('rejects an invalid table name and an unknown column type', async () => {
    const badTable = await app.run('csv_to_table', { fileToken: 'file://landing/airports.csv', store: 'warehouse', table: 'airports; drop' });
    const badType = await app.run('csv_to_table', { fileToken: 'file://landing/airports.csv', store: 'warehouse', table: 'a', columnTypes: { iata: 'varchar' } });

    expect(badTable).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    expect(badTable).toMatchObject({ status: 'failed', cause: expect.stringContaining('table must be a SQL identifier such as airports or staging.airports') });
    expect(badType).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    expect(badType).toMatchObject({ status: 'failed', cause: expect.stringContaining('columnTypes must map column names to one of: boolean, integer, bigint, decimal, date, timestamp, text') });
  });

  it('rejects a file store given as the database', async () => {
    const outcome = await app.run('csv_to_table', { fileToken: 'file://landing/airports.csv', store: 'landing', table: 'airports' });

    expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
  });

  it('fails when the file does not exist', async () => {
    const outcome = await app.run('csv_to_table', { fileToken: 'file://landing/missing.csv', store: 'warehouse', table: 'missing' });

    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome).toMatchObject({ status: 'failed', cause: expect.stringContaining('missing.csv') });
  });
});
