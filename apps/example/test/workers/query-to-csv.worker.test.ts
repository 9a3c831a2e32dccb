import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbStore } from '@bevault-workers/stores';
import { Test, type TestingWorkerApp } from '@bevault-workers/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryToCsvWorker } from '../../src/workers';
import { createTempStores, type TempStores } from '../support/temp-stores';

describe(QueryToCsvWorker.name, () => {
  let stores: TempStores;
  let app: TestingWorkerApp;

  beforeEach(async () => {
    stores = createTempStores();
    app = await Test.createWorkerApp({ workers: [QueryToCsvWorker], stores: stores.entries }).compile();
    const warehouse = app.stores.get('warehouse') as DbStore;
    await warehouse.execute('CREATE TABLE notes (id INTEGER, body TEXT)');
    await warehouse.bulkInsert('notes', [
      { id: 1, body: 'plain' },
      { id: 2, body: 'with, comma and "quotes"' },
      { id: 3, body: null },
    ]);
  });

  afterEach(async () => {
    await app.close();
    stores.remove();
  });

  function exported(path: string): string {
    return readFileSync(join(stores.directory, 'exports', path), 'utf8');
  }

  it('writes the rows as CSV and returns the file token', async () => {
    const outcome = await app.run('query_to_csv', {
      store: 'warehouse',
      query: 'SELECT id, body FROM notes WHERE id >= ? ORDER BY id',
      parameters: [1],
      fileStore: 'exports',
      path: 'out/notes.csv',
    });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { fileToken: 'file://exports/out/notes.csv', rowCount: 3 } });
    expect(exported('out/notes.csv')).toBe('id,body\n1,plain\n2,"with, comma and ""quotes"""\n3,\n');
  });

  it('uses the given separator and leaves out the header', async () => {
    await app.run('query_to_csv', { store: 'warehouse', query: 'SELECT id, body FROM notes WHERE id = 1', fileStore: 'exports', path: 'n.csv', delimiter: ';', header: false });

    expect(exported('n.csv')).toBe('1;plain\n');
  });

  it('writes an empty file for a query without rows', async () => {
    const outcome = await app.run('query_to_csv', { store: 'warehouse', query: 'SELECT id FROM notes WHERE id > 10', fileStore: 'exports', path: 'none.csv' });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { rowCount: 0 } });
    expect(exported('none.csv')).toBe('');
  });

  it('rejects a path leaving the file store', async () => {
    const outcome = await app.run('query_to_csv', { store: 'warehouse', query: 'SELECT 1', fileStore: 'exports', path: '../escape.csv' });

    expect(outcome).toMatchObject({ status: 'failed' });
  });

  it('rejects a database store given as the file store', async () => {
    const outcome = await app.run('query_to_csv', { store: 'warehouse', query: 'SELECT 1', fileStore: 'warehouse', path: 'x.csv' });

    expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
  });
});
