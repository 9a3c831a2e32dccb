import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { text } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { S3FileStore, StoreConfigurationError, StoreOperationError, type FileStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeFileStoreContract } from '../support/file-store-contract';
import { S3RVER_ACCESS_KEY, S3RVER_SECRET_KEY, startS3Server, type RunningS3Server } from '../support/s3-server';

describe(S3FileStore.name, () => {
  let server: RunningS3Server;

  beforeAll(async () => {
    server = await startS3Server();
  });

  afterAll(async () => {
    await server.stop();
  });

  function config(extra: Record<string, unknown> = {}) {
    return { ServiceUrl: server.endpoint, BucketName: server.bucket, AccessKey: S3RVER_ACCESS_KEY, SecretKey: S3RVER_SECRET_KEY, ...extra };
  }

  describe('with a prefix', () => {
    describeFileStoreContract(() => buildStore<FileStore>({ Name: 'lake', Type: 's3', Config: config({ Prefix: 'landing/zone' }) }));
  });

  describe('without a prefix', () => {
    describeFileStoreContract(() => buildStore<FileStore>({ Name: 'raw', Type: 's3', Config: config() }));
  });

  describe('keys', () => {
    it('prefixes object keys, not tokens', async () => {
      const prefixed = buildStore<S3FileStore>({ Name: 'lake', Type: 's3', Config: config({ prefix: '/in/' }) });
      const plain = buildStore<S3FileStore>({ Name: 'whole', Type: 's3', Config: config() });
      const token = prefixed.createFileToken('a/b.txt');
      expect(token).toBe('s3://lake/a/b.txt');
      await prefixed.write(token, 'prefixed');
      expect(await text(await plain.openRead(plain.createFileToken('in/a/b.txt')))).toBe('prefixed');
      await prefixed.close();
      await plain.close();
    });
  });

  describe('multipart upload', () => {
    it('uploads a 20 MiB stream in parts and reads back every byte', async () => {
      const store = buildStore<S3FileStore>({ Name: 'big', Type: 's3', Config: config({ Prefix: 'multipart' }) });
      const chunk = randomBytes(1024 * 1024);
      const expected = createHash('sha256');
      async function* source() {
        for (let i = 0; i < 20; i++) {
          expected.update(chunk);
          yield chunk;
        }
      }
      const token = store.createFileToken('twenty.bin');
      await pipeline(Readable.from(source()), await store.openWrite(token));

      const actual = createHash('sha256');
      for await (const part of await store.openRead(token)) {
        actual.update(part as Buffer);
      }
      expect(actual.digest('hex')).toBe(expected.digest('hex'));
      expect((await store.stat(token)).size).toBe(20 * 1024 * 1024);
      await store.close();
    });
  });

  describe('errors', () => {
    it('reports a missing bucket on ping', async () => {
      const store = buildStore<S3FileStore>({ Name: 'nobucket', Type: 's3', Config: config({ BucketName: 'does-not-exist' }) });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'nobucket' failed to reach bucket 'does-not-exist'/);
      await store.close();
    });

    it('requires a bucket', () => {
      expect(() => buildStore({ Name: 'b', Type: 's3', Config: {} })).toThrow(
        new StoreConfigurationError(`Store 'b' is missing the bucket name: set one of 'bucketName', 'bucket' in its Config.`),
      );
    });
  });
});
