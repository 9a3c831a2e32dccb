import { join } from 'node:path';
import { text } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FtpFileStore, StoreConfigurationError, StoreOperationError, type FileStore } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { describeFileStoreContract } from '../support/file-store-contract';
import { storedNames } from '../support/stored-names';
import { FTP_PASSWORD, FTP_USER, startFtpServer, type RunningFtpServer } from '../support/ftp-server';

describe(FtpFileStore.name, () => {
  describe('over plain FTP', () => {
    let server: RunningFtpServer;

    beforeAll(async () => {
      server = await startFtpServer();
    });

    afterAll(async () => {
      await server.stop();
    });

    describeFileStoreContract(
      () => buildStore<FileStore>({ Name: 'ftp', Type: 'ftp', Config: { HostName: '127.0.0.1', Port: server.port, Username: FTP_USER, Password: FTP_PASSWORD, BasePath: '/drop' } }),
      { storedNames: (directory) => storedNames(join(server.root, 'drop', directory)) },
    );

    it('rejects a wrong password without showing it', async () => {
      const store = buildStore<FtpFileStore>({ Name: 'bad', Type: 'ftp', Config: { host: '127.0.0.1', port: server.port, user: FTP_USER, password: 'wrong-password-value' } });
      const error = await store.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toMatch(/^Store 'bad' failed to reach the FTP server: /);
      expect(String(error?.stack)).not.toContain('wrong-password-value');
      await store.close();
    });
  });

  describe('over explicit FTPS', () => {
    let server: RunningFtpServer;

    beforeAll(async () => {
      server = await startFtpServer({ tls: true });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('transfers files when the self-signed certificate is accepted', async () => {
      const store = buildStore<FtpFileStore>({
        Name: 'secure',
        Type: 'ftps',
        Config: { Host: '127.0.0.1', Port: server.port, UserName: FTP_USER, Password: FTP_PASSWORD, RejectUnauthorized: false },
      });
      expect(store.encryption).toBe('explicit');
      await store.write(store.createFileToken('tls/a.txt'), 'over tls');
      expect(await text(await store.openRead(store.createFileToken('tls/a.txt')))).toBe('over tls');
      await store.close();
    });

    it('refuses a server certificate that is not trusted', async () => {
      const store = buildStore<FtpFileStore>({
        Name: 'strict',
        Type: 'ftp',
        Config: { Host: '127.0.0.1', Port: server.port, UserName: FTP_USER, Password: FTP_PASSWORD, Encryption: 'Explicit' },
      });
      await expect(store.ping()).rejects.toThrow(/^Store 'strict' failed to reach the FTP server: self.signed certificate/);
      await store.close();
    });
  });

  describe('configuration', () => {
    it.each([
      [{ Encryption: 'None' }, 'ftp', 'none', 21],
      [{ Encryption: 'implicit' }, 'ftp', 'implicit', 990],
      [{ Secure: true }, 'ftp', 'explicit', 21],
      [{}, 'ftps', 'explicit', 21],
      [{}, 'FTP', 'none', 21],
    ])('maps %j with type %s to %s encryption on port %i', (config, type, encryption, port) => {
      const store = buildStore<FtpFileStore>({ Name: 'f', Type: type, Config: { host: 'h', ...config } });
      expect(store.encryption).toBe(encryption);
      expect(store.port).toBe(port);
      expect(store.type).toBe('ftp');
    });

    it('rejects an unknown encryption mode', () => {
      expect(() => buildStore({ Name: 'f', Type: 'ftp', Config: { host: 'h', Encryption: 'Sometimes' } })).toThrow(
        new StoreConfigurationError(`Config key 'Encryption' of store 'f' must be 'None', 'Explicit' or 'Implicit' (got "Sometimes").`),
      );
    });
  });
});
