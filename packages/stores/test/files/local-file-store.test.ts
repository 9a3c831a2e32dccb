import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';

import { afterAll, describe, expect, it } from 'vitest';

import { LocalFileStore, StoreConfigurationError, StoreOperationError, type FileStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeFileStoreContract } from '../support/file-store-contract';
import { storedNames } from '../support/stored-names';
import { useTempDirs } from '../support/temp-dir';

describe(LocalFileStore.name, () => {
  const base = mkdtempSync(join(tmpdir(), 'bvw-local-store-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describeFileStoreContract(() => buildStore<FileStore>({ Name: 'Local', Type: 'file', Config: { BasePath: join(base, 'root') } }), {
    storedNames: (directory) => storedNames(join(base, 'root', directory)),
  });

  describe('when a symbolic link inside the base points outside it', () => {
    const tempDir = useTempDirs();

    function storeWithOutsideLink(): { store: LocalFileStore; outside: string } {
      const dir = tempDir();
      const outside = tempDir();
      writeFileSync(join(outside, 'secret.txt'), 'outside');
      mkdirSync(join(dir, 'root'));
      symlinkSync(outside, join(dir, 'root', 'escape'));
      symlinkSync(join(outside, 'secret.txt'), join(dir, 'root', 'secret-link.txt'));
      return { store: buildStore<LocalFileStore>({ Name: 'linked', Type: 'file', Config: { BasePath: join(dir, 'root') } }), outside };
    }

    it('rejects reading through the link', async () => {
      const { store } = storeWithOutsideLink();

      await expect(store.openRead(store.createFileToken('escape/secret.txt'))).rejects.toThrow(/symbolic link outside the base directory/);
      await expect(store.openRead(store.createFileToken('secret-link.txt'))).rejects.toThrow(/symbolic link outside the base directory/);
    });

    it('rejects writing, listing and deleting through the link', async () => {
      const { store, outside } = storeWithOutsideLink();

      await expect(store.write(store.createFileToken('escape/new.txt'), 'x')).rejects.toThrow(/symbolic link outside the base directory/);
      await expect(store.list('escape/')).rejects.toThrow(/symbolic link outside the base directory/);
      await expect(store.delete(store.createFileToken('escape/secret.txt'))).rejects.toThrow(/symbolic link outside the base directory/);
      expect(existsSync(join(outside, 'new.txt'))).toBe(false);
      expect(existsSync(join(outside, 'secret.txt'))).toBe(true);
    });

    it('follows a link whose target stays inside the base', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'root', 'real'), { recursive: true });
      writeFileSync(join(dir, 'root', 'real', 'a.txt'), 'inside');
      symlinkSync(join(dir, 'root', 'real'), join(dir, 'root', 'alias'));
      const store = buildStore<LocalFileStore>({ Name: 'linked', Type: 'file', Config: { BasePath: join(dir, 'root') } });

      expect(await text(await store.openRead(store.createFileToken('alias/a.txt')))).toBe('inside');
    });
  });

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

    it('leaves its temporary files out of listings', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, '.0b5e8f8e-4a47-4d55-9d43-1c2f3e4a5b6c.partial'), 'x');
      writeFileSync(join(dir, 'done.txt'), 'x');
      const store = buildStore<LocalFileStore>({ Name: 'tmp', Type: 'file', Config: { BasePath: dir } });
      expect(await store.list()).toEqual(['file://tmp/done.txt']);
    });

    it('accepts BasePath / for a relative file', async () => {
      const store = buildStore<LocalFileStore>({ Name: 'root', Type: 'file', Config: { BasePath: '/' } });
      const dir = tempDir();
      const token = store.createFileToken(`${dir.slice(1)}/at-root.txt`);
      await store.write(token, 'from the root');
      expect(await text(await store.openRead(token))).toBe('from the root');
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
