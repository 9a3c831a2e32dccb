import { randomBytes, createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { text } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InvalidFileTokenError, StoreFileNotFoundError, type FileStore } from '@bevault-workers/stores';

/** What the contract can look at besides the store. */
export interface FileStoreContractOptions {
  /**
   * Lists every entry of a directory (relative to the store's base) on the server as it is,
   * temporary files included, or returns [] when the directory does not exist. Without it, the
   * checks that no temporary file is left behind are skipped.
   */
  readonly storedNames?: (directory: string) => Promise<string[]> | string[];
}

/**
 * Behaviour every writable file store shares, run against a real server. `createStore` returns
 * a store whose base is empty; the suite closes it at the end.
 */
export function describeFileStoreContract(createStore: () => Promise<FileStore> | FileStore, options: FileStoreContractOptions = {}): void {
  let store: FileStore;

  beforeAll(async () => {
    store = await createStore();
  });

  afterAll(async () => {
    await store.close();
  });

  describe('write and openRead', () => {
    it('round-trips a string', async () => {
      const token = store.createFileToken('greetings/hello.txt');
      await store.write(token, 'hello world');
      expect(await text(await store.openRead(token))).toBe('hello world');
    });

    it('streams a 3 MiB file through openWrite and keeps every byte', async () => {
      const payload = randomBytes(3 * 1024 * 1024);
      const token = store.createFileToken('big/random.bin');
      await pipeline(Readable.from(chunks(payload, 64 * 1024)), await store.openWrite(token));

      const hash = createHash('sha256');
      for await (const chunk of await store.openRead(token)) {
        hash.update(chunk as Buffer);
      }
      expect(hash.digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
      expect((await store.stat(token)).size).toBe(payload.length);
    });

    it('replaces an existing file', async () => {
      const token = store.createFileToken('replace/me.txt');
      await store.write(token, 'first version, longer');
      await store.write(token, Buffer.from('second'));
      expect(await text(await store.openRead(token))).toBe('second');
    });

    it('keeps spaces and unicode in file names', async () => {
      const token = store.createFileToken('names/rapport été 2024.csv');
      await store.write(token, 'a;b');
      expect(store.getFileName(token)).toBe('rapport été 2024.csv');
      expect(await store.exists(token)).toBe(true);
    });
  });

  describe('openWrite', () => {
    it('commits nothing when destroyed without an error', async () => {
      await store.write(store.createFileToken('destroyed/kept.txt'), 'kept');
      const token = store.createFileToken('destroyed/half.txt');
      const writable = await store.openWrite(token);
      writable.write('first half');
      writable.destroy();
      await once(writable, 'close');

      expect(await store.exists(token)).toBe(false);
      expect(await store.list('destroyed/')).toEqual([store.createFileToken('destroyed/kept.txt')]);
      if (options.storedNames !== undefined) {
        const storedNames = options.storedNames;
        await expect.poll(() => storedNames('destroyed'), { timeout: 5_000 }).toEqual(['kept.txt']);
      }
    });
  });

  describe('openRead', () => {
    it('rejects a missing file with StoreFileNotFoundError', async () => {
      const error = await store.openRead(store.createFileToken('missing/nothing.txt')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreFileNotFoundError);
      expect((error as Error).message).toBe(`File 'missing/nothing.txt' not found in store '${store.name}'.`);
    });
  });

  describe('exists, stat and delete', () => {
    it('reports size and modification time', async () => {
      const token = store.createFileToken('stat/five.txt');
      const before = Date.now() - 120_000;
      await store.write(token, '12345');
      const stat = await store.stat(token);
      expect(stat.size).toBe(5);
      if (stat.modifiedAt !== undefined) {
        expect(stat.modifiedAt.getTime()).toBeGreaterThan(before);
      }
    });

    it('deletes a file and then reports it missing', async () => {
      const token = store.createFileToken('delete/me.txt');
      await store.write(token, 'x');
      expect(await store.exists(token)).toBe(true);
      await store.delete(token);
      expect(await store.exists(token)).toBe(false);
      await expect(store.stat(token)).rejects.toBeInstanceOf(StoreFileNotFoundError);
    });

    it('treats deleting a missing file as done', async () => {
      await expect(store.delete(store.createFileToken('delete/never-existed.txt'))).resolves.toBeUndefined();
    });
  });

  describe('list', () => {
    it('lists files recursively by prefix and suffix, as sorted tokens', async () => {
      for (const path of ['listing/a.csv', 'listing/b.txt', 'listing/sub/c.csv', 'listing-other/d.csv']) {
        await store.write(store.createFileToken(path), path);
      }

      expect(await store.list('listing/', '.csv')).toEqual([
        store.createFileToken('listing/a.csv'),
        store.createFileToken('listing/sub/c.csv'),
      ]);
      expect(await store.list('listing')).toEqual([
        store.createFileToken('listing-other/d.csv'),
        store.createFileToken('listing/a.csv'),
        store.createFileToken('listing/b.txt'),
        store.createFileToken('listing/sub/c.csv'),
      ]);
    });

    it('lists a file whose name ends in .partial', async () => {
      const token = store.createFileToken('partial-names/report.partial');
      await store.write(token, 'user data');
      expect(await store.list('partial-names/')).toEqual([token]);
    });

    it('returns an empty list for a prefix with no files', async () => {
      expect(await store.list('no-such-dir/')).toEqual([]);
    });
  });

  describe('tokens', () => {
    it('rejects a token of another store', async () => {
      await expect(store.exists(`${store.type}://someone-else/a.txt`)).rejects.toBeInstanceOf(InvalidFileTokenError);
    });

    it('rejects a traversal before touching the server', async () => {
      await expect(store.openRead(`${store.type}://${store.name}/a/../../etc/passwd`)).rejects.toBeInstanceOf(InvalidFileTokenError);
      await expect(store.openRead(`${store.type}://${store.name}/%2e%2e/secret`)).rejects.toBeInstanceOf(InvalidFileTokenError);
    });
  });

  describe('ping', () => {
    it('succeeds against the running server', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

function* chunks(buffer: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += size) {
    yield buffer.subarray(offset, offset + size);
  }
}
