import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbStore } from '@bevault-workers/core';
import { Test } from '@bevault-workers/testing';
import { describe, expect, it } from 'vitest';
import { CountRowsWorker } from './count-rows.worker';

const repositoryRoot = join(__dirname, '..', '..', '..', '..');

describe('README worker', () => {
  it.each(['count-rows.worker.ts', 'count-rows.main.ts'])('shows %s verbatim in the README', (file) => {
    const source = readFileSync(join(__dirname, file), 'utf8');
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

    expect(readme).toContain(source.trim());
  });

  it('stops the start when warehouse is a file store', async () => {
    const compiling = Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('warehouse').useTempDir().compile();

    await expect(compiling).rejects.toThrow("@InjectStore asks for a database store, but store 'warehouse' is a file store (type file).");
  });

  it('counts the rows of a table', async () => {
    const app = await Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('warehouse').useSqlite().compile();
    try {
      const warehouse = app.stores.get('warehouse') as DbStore;
      await warehouse.execute('CREATE TABLE airports (iata TEXT)');
      await warehouse.bulkInsert('airports', [{ iata: 'AAA' }, { iata: 'BBB' }]);

      expect(await app.run('count_rows', { table: 'airports' })).toMatchObject({ status: 'succeeded', output: { table: 'airports', rows: 2 } });
      expect(await app.run('count_rows', { table: 'airports; drop table airports' })).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    } finally {
      await app.close();
    }
  });
});
