import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbStore } from '@bevault-workers/core';
import { Test } from '@bevault-workers/testing';
import { describe, expect, it } from 'vitest';
import { CountRowsWorker } from './count-rows-store-ref.worker';

const repositoryRoot = join(__dirname, '..', '..', '..', '..');

describe('migration guide worker', () => {
  it('is shown verbatim in the guide', () => {
    const source = readFileSync(join(__dirname, 'count-rows-store-ref.worker.ts'), 'utf8');
    const guide = readFileSync(join(repositoryRoot, 'docs', 'migrating-from-python.md'), 'utf8');

    expect(guide).toContain(source.trim());
  });

  it('counts the rows of the store named in the input', async () => {
    const app = await Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('warehouse').useSqlite().compile();
    try {
      const warehouse = app.stores.get('warehouse') as DbStore;
      await warehouse.execute('CREATE TABLE airports (iata TEXT)');
      await warehouse.bulkInsert('airports', [{ iata: 'AAA' }]);

      expect(await app.run('count_rows', { dbStore: 'warehouse', table: 'airports' })).toMatchObject({ status: 'succeeded', output: { table: 'airports', rows: 1 } });
      expect(await app.run('count_rows', { dbStore: 'nowhere', table: 'airports' })).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    } finally {
      await app.close();
    }
  });
});
