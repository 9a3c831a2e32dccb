import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbStore } from '@bevault-workers/core';
import { Test } from '@bevault-workers/testing';
import { describe, expect, it } from 'vitest';
import { CountRowsWorker } from './count-rows-recipe.worker';

const repositoryRoot = join(__dirname, '..', '..', '..', '..');

describe('getting started recipe worker', () => {
  it('is shown verbatim in "Add a worker"', () => {
    const source = readFileSync(join(__dirname, 'count-rows-recipe.worker.ts'), 'utf8');
    const guide = readFileSync(join(repositoryRoot, 'docs', 'getting-started.md'), 'utf8');
    // The guide indents the code block by three spaces, under a list item.
    const unindented = guide.replace(/^ {3}/gm, '');

    expect(unindented).toContain(source.trim());
  });

  it('counts rows in the store the input names, as --warehouse sends it', async () => {
    const app = await Test.createWorkerApp({ workers: [CountRowsWorker] })
      .overrideStore('warehouse')
      .useTempDir()
      .overrideStore('sqlite')
      .useSqlite()
      .compile();
    try {
      const sqlite = app.stores.get('sqlite') as DbStore;
      await sqlite.execute('CREATE TABLE airports (iata TEXT)');
      await sqlite.bulkInsert('airports', [{ iata: 'AAA' }, { iata: 'BBB' }]);

      expect(await app.run('count_rows', { store: 'sqlite', table: 'airports' })).toMatchObject({ status: 'succeeded', output: { table: 'airports', rows: 2 } });
      expect(await app.run('count_rows', { store: 'warehouse', table: 'airports' })).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    } finally {
      await app.close();
    }
  });
});
