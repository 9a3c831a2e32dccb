import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Test, type TestingWorkerApp } from '@bevault-workers/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GzipWorker } from '../../src/workers';
import { createTempStores, type TempStores } from '../support/temp-stores';

describe(GzipWorker.name, () => {
  let stores: TempStores;
  let app: TestingWorkerApp;
  const content = 'state,airports\nAK,263\n'.repeat(200);

  beforeEach(async () => {
    stores = createTempStores();
    mkdirSync(join(stores.directory, 'exports'));
    writeFileSync(join(stores.directory, 'exports', 'report.csv'), content);
    app = await Test.createWorkerApp({ workers: [GzipWorker], stores: stores.entries }).compile();
  });

  afterEach(async () => {
    await app.close();
    stores.remove();
  });

  function exportPath(name: string): string {
    return join(stores.directory, 'exports', name);
  }

  it('compresses next to the file and keeps it', async () => {
    const outcome = await app.run('gzip', { fileToken: 'file://exports/report.csv' });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { fileToken: 'file://exports/report.csv.gz', sourceDeleted: false } });
    expect(gunzipSync(readFileSync(exportPath('report.csv.gz'))).toString()).toBe(content);
    expect(existsSync(exportPath('report.csv'))).toBe(true);
  });

  it('decompresses back and deletes the source on request', async () => {
    await app.run('gzip', { fileToken: 'file://exports/report.csv', targetPath: 'archive/report.csv.gz', deleteSource: true, level: 9 });

    const outcome = await app.run('gzip', { fileToken: 'file://exports/archive/report.csv.gz', mode: 'decompress' });

    expect(outcome).toMatchObject({ status: 'succeeded', output: { fileToken: 'file://exports/archive/report.csv' } });
    expect(readFileSync(exportPath('archive/report.csv'), 'utf8')).toBe(content);
    expect(existsSync(exportPath('report.csv'))).toBe(false);
  });

  it('fails with Gzip.InvalidTarget when the name has no .gz', async () => {
    const outcome = await app.run('gzip', { fileToken: 'file://exports/report.csv', mode: 'decompress' });

    expect(outcome).toEqual({
      status: 'failed',
      error: 'Gzip.InvalidTarget',
      cause: 'Cannot name the decompressed file of file://exports/report.csv because its name does not end with .gz. Give targetPath',
    });
  });

  it('fails with Gzip.InvalidTarget when the target is the source', async () => {
    const outcome = await app.run('gzip', { fileToken: 'file://exports/report.csv', targetPath: 'report.csv' });

    expect(outcome).toMatchObject({ status: 'failed', error: 'Gzip.InvalidTarget' });
  });

  it('fails with Gzip.InvalidData on a file that is not gzip', async () => {
    writeFileSync(exportPath('fake.gz'), 'not gzip at all');

    const outcome = await app.run('gzip', { fileToken: 'file://exports/fake.gz', mode: 'decompress' });

    expect(outcome).toMatchObject({ status: 'failed', error: 'Gzip.InvalidData' });
    expect(existsSync(exportPath('fake'))).toBe(false);
  });

  it('rejects an unknown mode and a level out of range', async () => {
    const badMode = await app.run('gzip', { fileToken: 'file://exports/report.csv', mode: 'zip' });
    const badLevel = await app.run('gzip', { fileToken: 'file://exports/report.csv', level: 10 });

    expect(badMode).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
    expect(badLevel).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
  });
});
