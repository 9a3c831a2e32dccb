import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { LocalFileStore, StoreConfigurationError, StoreOperationError, type FileStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeFileStoreContract } from '../support/file-store-contract';
import { useTempDirs } from '../support/temp-dir';

describe(LocalFileStore.name, () => {
  const base = mkdtempSync(join(tmpdir(), 'bvw-local-store-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describeFileStoreContract(() => buildStore<FileStore>({ Name: 'Local', Type: 'file', Config: { BasePath: join(base, 'root') } }));

  describe('configuration', () => {
    const tempDir = useTempDirs();

    it('requires a BasePath', () => {
      expect(() => buildStore({ Name: 'nobase', Type: 'file', Config: {} })).toThrow(
        new StoreConfigurationError(`Store 'nobase' is missing the base directory: set one of 'basePath', 'path', 'directory', 'root' in its Config.`),
      );
    });

    it('writes through a temporary file and leaves no partial file behind', async () => {
      const dir = tempDir();
      const store = buildStore<LocalFileStore>({ Name: 'tmp', Type: 'file', Config: { basepath: dir } });
      await store.write(store.createFileToken('out/data.txt'), 'content');
      expect(readdirSync(join(dir, 'out'))).toEqual(['data.txt']);
    });

    it('ignores partial files in listings', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, '.abc.partial'), 'x');
      writeFileSync(join(dir, 'done.txt'), 'x');
      const store = buildStore<LocalFileStore>({ Name: 'tmp', Type: 'file', Config: { BasePath: dir } });
      expect(await store.list()).toEqual(['file://tmp/done.txt']);
    });

    it('rejects operations after close', async () => {
      const store = buildStore<LocalFileStore>({ Name: 'closed', Type: 'file', Config: { BasePath: tempDir() } });
      await store.close();
      await expect(store.exists('file://closed/a.txt')).rejects.toThrow("Store 'closed' is closed: cannot use a file token.");
      await expect(store.list()).rejects.toThrow("Store 'closed' is closed: cannot list files.");
    });

    it('fails ping when the base directory does not exist', async () => {
      const store = buildStore<LocalFileStore>({ Name: 'gone', Type: 'file', Config: { BasePath: join(tempDir(), 'missing') } });
      await expect(store.ping()).rejects.toBeInstanceOf(StoreOperationError);
    });
  });
});
