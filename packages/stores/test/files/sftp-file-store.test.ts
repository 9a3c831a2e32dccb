import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';

import { describe, expect, it } from 'vitest';

import { SftpFileStore, StoreConfigurationError, StoreOperationError, type FileStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeFileStoreContract } from '../support/file-store-contract';
import { storedNames } from '../support/stored-names';
import { describeWithService } from '../support/services';

const variables = [
  'BVW_TEST_SFTP_HOST',
  'BVW_TEST_SFTP_PORT',
  'BVW_TEST_SFTP_USER',
  'BVW_TEST_SFTP_PASSWORD',
  'BVW_TEST_SFTP_KEY_PATH',
  'BVW_TEST_SFTP_ENCRYPTED_KEY_PATH',
  'BVW_TEST_SFTP_KEY_PASSPHRASE',
  'BVW_TEST_SFTP_HOME',
];

describeWithService(SftpFileStore.name, { variables, script: '.ci/services/sftp.sh' }, (env) => {
  const base = `${env.BVW_TEST_SFTP_HOME}/bvw-${randomUUID()}`;
  const server = { HostName: env.BVW_TEST_SFTP_HOST, Port: env.BVW_TEST_SFTP_PORT, Username: env.BVW_TEST_SFTP_USER };

  describe('with a password', () => {
    // The SFTP test server runs on this machine, so its files are read from the local disk.
    describeFileStoreContract(
      () => buildStore<FileStore>({ Name: 'partner', Type: 'sftp', Config: { ...server, Password: env.BVW_TEST_SFTP_PASSWORD, BasePath: `${base}/password` } }),
      { storedNames: (directory) => storedNames(`${base}/password/${directory}`) },
    );
  });

  describe('with keys', () => {
    it('logs in with a private key file', async () => {
      const store = buildStore<SftpFileStore>({ Name: 'k', Type: 'sftp', Config: { ...server, KeyFilename: env.BVW_TEST_SFTP_KEY_PATH, Prefix: `${base}/key` } });
      await store.write(store.createFileToken('a.txt'), 'by key');
      expect(await text(await store.openRead(store.createFileToken('a.txt')))).toBe('by key');
      await store.close();
    });

    it('logs in with a passphrase-protected key', async () => {
      const store = buildStore<SftpFileStore>({
        Name: 'k',
        Type: 'sftp',
        Config: { ...server, PrivateKeyPath: env.BVW_TEST_SFTP_ENCRYPTED_KEY_PATH, Passphrase: env.BVW_TEST_SFTP_KEY_PASSPHRASE, BasePath: `${base}/encrypted` },
      });
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });

    it('rejects a wrong passphrase without showing it', async () => {
      const store = buildStore<SftpFileStore>({
        Name: 'k',
        Type: 'sftp',
        Config: { ...server, KeyPath: env.BVW_TEST_SFTP_ENCRYPTED_KEY_PATH, KeyPassword: 'wrong-passphrase-value' },
      });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(String(error?.stack) + String((error?.cause as Error | undefined)?.message)).not.toContain('wrong-passphrase-value');
      await store.close();
    });
  });

  describe('host key check', () => {
    const fingerprint = (): string => {
      const publicKey = execFileSync('ssh-keyscan', ['-p', env.BVW_TEST_SFTP_PORT!, '-t', 'ed25519', env.BVW_TEST_SFTP_HOST!], { stdio: ['ignore', 'pipe', 'ignore'] });
      return execFileSync('ssh-keygen', ['-lf', '-'], { input: publicKey }).toString().split(' ')[1]!;
    };

    it('accepts the server whose fingerprint matches', async () => {
      const store = buildStore<SftpFileStore>({ Name: 'h', Type: 'sftp', Config: { ...server, Password: env.BVW_TEST_SFTP_PASSWORD, HostKeyFingerprint: fingerprint() } });
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    });

    it('refuses a server with another fingerprint', async () => {
      const store = buildStore<SftpFileStore>({
        Name: 'h',
        Type: 'sftp',
        Config: { ...server, Password: env.BVW_TEST_SFTP_PASSWORD, HostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      });
      await expect(store.ping()).rejects.toBeInstanceOf(StoreOperationError);
      await store.close();
    });
  });

  describe('connection', () => {
    it('reconnects after close of the server side connection', async () => {
      const store = buildStore<SftpFileStore>({ Name: 'r', Type: 'sftp', Config: { ...server, Password: env.BVW_TEST_SFTP_PASSWORD, BasePath: `${base}/reconnect` } });
      await store.write(store.createFileToken('x.txt'), 'one');
      const client = await (store as unknown as { client: Promise<{ end(): Promise<unknown> }> }).client;
      await client.end();
      expect(await text(await store.openRead(store.createFileToken('x.txt')))).toBe('one');
      await store.close();
    });

    it('reports a write the server refuses', async () => {
      const store = buildStore<SftpFileStore>({ Name: 'denied', Type: 'sftp', Config: { ...server, Password: env.BVW_TEST_SFTP_PASSWORD, BasePath: '/root/bvw-denied' } });
      await expect(store.write(store.createFileToken('x.txt'), 'x')).rejects.toThrow(/^Store 'denied' failed to write 'x.txt': /);
      await store.close();
    });

    it('rejects a wrong password with a store error', async () => {
      const store = buildStore<SftpFileStore>({ Name: 'bad', Type: 'sftp', Config: { ...server, Password: 'wrong-password-value' } });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error?.message).toMatch(/^Store 'bad' failed to reach the SFTP server: /);
      expect(String(error?.stack)).not.toContain('wrong-password-value');
      await store.close();
    });
  });
});

describe(`${SftpFileStore.name} configuration`, () => {
  it('requires credentials', () => {
    expect(() => buildStore({ Name: 's', Type: 'sftp', Config: { host: 'h', username: 'u' } })).toThrow(
      new StoreConfigurationError(`Store 's' has no credentials: set 'Password', 'KeyPath' or 'PrivateKey' in its Config.`),
    );
  });

  it('requires a host', () => {
    expect(() => buildStore({ Name: 's', Type: 'sftp', Config: { username: 'u', password: 'p' } })).toThrow(
      `Store 's' is missing the server host: set one of 'host', 'hostName' in its Config.`,
    );
  });
});
