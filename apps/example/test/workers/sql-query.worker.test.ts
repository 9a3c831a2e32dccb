import type { DbStore } from '@bevault-workers/stores';
import { Test, type TestingWorkerApp } from '@bevault-workers/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlQueryWorker } from '../../src/workers';
import { createTempStores, type TempStores } from '../support/temp-stores';

describe(SqlQueryWorker.name, () => {
  let stores: TempStores;
  let app: TestingWorkerApp;

  beforeEach(async () => {
    stores = createTempStores();
    app = await Test.createWorkerApp({ workers: [SqlQueryWorker], stores: stores.entries }).compile();
    const warehouse = app.stores.get('warehouse') as DbStore;
    await warehouse.execute('CREATE TABLE cities (name TEXT, state TEXT, population INTEGER)');
    await warehouse.bulkInsert('cities', [
      { name: 'Austin', state: 'TX', population: 961855 },
      { name: 'Dallas', state: 'TX', population: 1304379 },
      { name: 'Fresno', state: 'CA', population: 542107 },
      { name: 'Houston', state: 'TX', population: 2304580 },
    ]);
  });

  afterEach(async () => {
    await app.close();
    stores.remove();
  });

  it('binds positional parameters', async () => {
    const outcome = await app.run('sql_query', {
      store: 'warehouse',
      query: 'SELECT name FROM cities WHERE state = ? AND population > ? ORDER BY name',
      parameters: ['TX', 1000000],
    });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { rows: [{ name: 'Dallas' }, { name: 'Houston' }], rowCount: 2, truncated: false } });
  });

  it('binds named parameters', async () => {
    const outcome = await app.run('sql_query', { store: 'warehouse', query: 'SELECT COUNT(*) AS n FROM cities WHERE state = :state', parameters: { state: 'CA' } });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { rows: [{ n: 1 }], rowCount: 1, truncated: false } });
  });

  it('stops at maxRows and says so', async () => {
    const outcome = await app.run('sql_query', { store: 'warehouse', query: 'SELECT name FROM cities ORDER BY name', maxRows: 2 });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { rows: [{ name: 'Austin' }, { name: 'Dallas' }], rowCount: 2, truncated: true } });
  });

  it('returns every row when they fit exactly', async () => {
    const outcome = await app.run('sql_query', { store: 'warehouse', query: 'SELECT name FROM cities', maxRows: 4 });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { rowCount: 4, truncated: false } });
  });

  it('rejects invalid maxRows and parameters', async () => {
    const tooMany = await app.run('sql_query', { store: 'warehouse', query: 'SELECT 1', maxRows: 10_001 });
    const badParameters = await app.run('sql_query', { store: 'warehouse', query: 'SELECT ?', parameters: 'TX' });

    expect(tooMany).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    expect(badParameters).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    expect(badParameters).toMatchObject({ status: 'failed', cause: expect.stringContaining('parameters must be an array (for ? placeholders) or an object (for :name placeholders)') });
  });

  it('fails with the database error on invalid SQL', async () => {
    const outcome = await app.run('sql_query', { store: 'warehouse', query: 'SELECT nope FROM cities' });

    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome).toMatchObject({ status: 'failed', cause: expect.stringContaining('no such column: nope') });
  });
});
