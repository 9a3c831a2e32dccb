import { inspect } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadStoreDefinitions, normalizeStoreDefinition, REDACTED, StoreRegistry, StoreTypeRegistry, type Store } from '@bevault-workers/stores';

import { MemoryLogger } from '../support/memory-logger';
import { useTempDirs } from '../support/temp-dir';

/** One secret per type, each distinctive so a leak is found by plain search. */
const SECRETS = [
  'pg-password-1a2b',
  'pg-conn-password-3c4d',
  'mysql-password-5e6f',
  'mssql-password-7g8h',
  'snowflake-password-9i0j',
  'sftp-password-k1l2',
  'sftp-passphrase-m3n4',
  's3-secret-key-o5p6',
  'gitlab-token-q7r8',
  'ftp-password-s9t0',
];

const definitionsJson = JSON.stringify([
  { Name: 'pg', Type: 'postgresql', Config: { host: '127.0.0.1', user: 'u', password: SECRETS[0], dbname: 'd' } },
  { Name: 'pgconn', Type: 'postgresql', Config: `{"ConnectionString": "postgres://u:${SECRETS[1]}@127.0.0.1:1/d"}` },
  { Name: 'maria', Type: 'mysql', Config: { Server: '127.0.0.1', Uid: 'u', Pwd: SECRETS[2] } },
  { Name: 'mssql', Type: 'sqlserver', Config: { ConnectionString: `Server=127.0.0.1;User Id=u;Password=${SECRETS[3]}` } },
  { Name: 'sf', Type: 'snowflake', Config: { account: 'a', username: 'u', password: SECRETS[4], database: 'd' } },
  { Name: 'sftp', Type: 'sftp', Config: { host: '127.0.0.1', username: 'u', password: SECRETS[5], keyPassword: SECRETS[6] } },
  { Name: 's3', Type: 's3', Config: { BucketName: 'b', AccessKey: 'AK', SecretKey: SECRETS[7], ServiceUrl: 'http://127.0.0.1:1' } },
  { Name: 'git', Type: 'gitlab', Config: { BaseUri: 'http://127.0.0.1:1', ProjectId: '1', AccessToken: SECRETS[8] } },
  { Name: 'ftp', Type: 'ftp', Config: { Host: '127.0.0.1', Username: 'u', Password: SECRETS[9] } },
  { Name: 'broken', Type: 'sftp', Config: { password: 'broken-password-u1v2' } },
]);

function expectNoSecret(text: string): void {
  for (const secret of [...SECRETS, 'broken-password-u1v2']) {
    expect(text).not.toContain(secret);
  }
}

describe('secrets', () => {
  const tempDir = useTempDirs();

  function load() {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), definitionsJson);
    return loadStoreDefinitions({ cwd, env: {} });
  }

  describe('definitions', () => {
    it('print redacted through util.inspect, JSON.stringify and String', () => {
      const definitions = load();
      expectNoSecret(inspect(definitions, { depth: Infinity }));
      expectNoSecret(JSON.stringify(definitions));
      expectNoSecret(definitions.map((definition) => `${definition.config}`).join(''));
      expect(JSON.stringify(definitions[0]?.config)).toBe(JSON.stringify({ host: '127.0.0.1', user: 'u', password: REDACTED, dbname: 'd' }));
    });

    it('keep the values readable by key for the stores', () => {
      expect(load()[0]?.config.password).toBe(SECRETS[0]);
    });
  });

  describe('stores', () => {
    it('print only their name and type', async () => {
      const logger = new MemoryLogger();
      const registry = StoreRegistry.create({ definitions: load(), logger });
      const stores: Store[] = registry.names().filter((name) => name !== 'broken').map((name) => registry.get(name));

      for (const store of stores) {
        expectNoSecret(inspect(store, { depth: Infinity }));
        expectNoSecret(JSON.stringify(store));
        expectNoSecret(String(store));
      }
      expect(String(registry.get('sftp'))).toBe('SftpFileStore(name=sftp, type=sftp)');
      expect(JSON.stringify(registry.get('s3'))).toBe('{"name":"s3","type":"s3","kind":"file"}');
      expectNoSecret(inspect(registry, { depth: Infinity }));
      expectNoSecret(logger.text());
      await registry.close();
    });

    it('keep secrets out of connection errors and their causes', async () => {
      const registry = StoreRegistry.create({ definitions: load(), logger: new MemoryLogger() });
      for (const name of ['pg', 'pgconn', 'maria', 'sftp', 's3', 'git', 'ftp']) {
        const error = await registry.get(name).ping().catch((caught: unknown) => caught as Error);
        expect(error, name).toBeInstanceOf(Error);
        expectNoSecret(inspect(error, { depth: Infinity }));
        expectNoSecret(JSON.stringify(error));
        expectNoSecret(String(error));
      }
      await registry.close();
    });
  });

  describe('errors', () => {
    it('of a custom factory lose the secrets they quote', async () => {
      const logger = new MemoryLogger();
      const types = new StoreTypeRegistry().register('leaky', (context) => {
        throw new Error(`cannot log in with ${String(context.config.password)}`);
      });
      const definition = normalizeStoreDefinition({ Name: 'leaky', Type: 'leaky', Config: { password: 'leaked-password-w3x4' } });
      const registry = StoreRegistry.create({ definitions: [definition], types, logger });
      expect(registry.failures().get('leaky')).toBe(`cannot log in with ${REDACTED}`);
      expect(logger.text()).not.toContain('leaked-password-w3x4');
      expect(inspect(registry.snapshot(), { depth: Infinity })).not.toContain('leaked-password-w3x4');
      await registry.close();
    });

    it('of an unavailable store name the reason but no secret', async () => {
      const logger = new MemoryLogger();
      const registry = StoreRegistry.create({ definitions: load(), logger });
      const error = (() => {
        try {
          registry.get('broken');
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error?.message).toBe(
        "Store 'broken' is unavailable: Store 'broken' is missing the server host: set one of 'host', 'hostName' in its Config.",
      );
      expectNoSecret(inspect(error, { depth: Infinity }));
      expectNoSecret(JSON.stringify(error));
      expectNoSecret(logger.text());
      await registry.close();
    });
  });
});
