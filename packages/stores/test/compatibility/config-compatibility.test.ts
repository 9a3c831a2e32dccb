import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Store } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';

/**
 * Configuration keys accepted by beVault, the Python library bevault_workers and the .NET
 * dFakto.States.Workers, for every built-in type. Each alias is tried as written, in lower case,
 * in upper case and with spaces or underscores, and must reach the same setting.
 */

type Reader = (store: Store) => unknown;

interface Setting {
  /** What the setting is, for the test name. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly value: unknown;
  readonly expected: unknown;
  readonly read: Reader;
}

interface TypeCase {
  readonly types: readonly string[];
  readonly canonical: string;
  /** Keys the type requires, set in every case unless the case overrides them. */
  readonly base: Record<string, unknown>;
  readonly settings: readonly Setting[];
}

const knexConnection = (store: Store): Record<string, unknown> =>
  (store as unknown as { knex: { client: { connectionSettings: Record<string, unknown> } } }).knex.client.connectionSettings;
const field = (name: string): Reader => (store) => (store as unknown as Record<string, unknown>)[name];
const connectionField = (name: string): Reader => (store) => knexConnection(store)[name];

const serverSettings = (hostField: string): Setting[] => [
  { name: 'host', aliases: ['host', 'server', 'hostName', 'address'], value: 'db.example', expected: 'db.example', read: connectionField(hostField) },
  { name: 'port', aliases: ['port'], value: '6000', expected: 6000, read: connectionField('port') },
  { name: 'user', aliases: ['user', 'username', 'userid', 'uid', 'User Id', 'user_name'], value: 'loader', expected: 'loader', read: connectionField('user') },
  { name: 'password', aliases: ['password', 'pwd'], value: 'secret', expected: 'secret', read: connectionField('password') },
  { name: 'database', aliases: ['dbname', 'database', 'initialCatalog', 'Initial Catalog'], value: 'dv', expected: 'dv', read: connectionField('database') },
];

const cases: TypeCase[] = [
  {
    types: ['postgresql', 'PostgreSQL', 'postgres', 'PG'],
    canonical: 'postgresql',
    base: {},
    settings: [
      ...serverSettings('host'),
      { name: 'connection string', aliases: ['connectionString', 'conninfo', 'Connection String'], value: 'postgres://cu:cp@ch:6543/cd', expected: 'ch', read: connectionField('host') },
    ],
  },
  {
    types: ['mysql', 'MySQL', 'mariadb', 'MariaDB'],
    canonical: 'mysql',
    base: {},
    settings: [
      ...serverSettings('host'),
      { name: 'connection string', aliases: ['connectionString', 'conninfo'], value: 'Server=ch;Port=3307;Uid=cu;Pwd=cp;Database=cd', expected: 'cd', read: connectionField('database') },
    ],
  },
  {
    types: ['sqlserver', 'SqlServer', 'mssql', 'MSSQL'],
    canonical: 'sqlserver',
    base: {},
    settings: [
      ...serverSettings('server'),
      { name: 'connection string', aliases: ['connectionString', 'conninfo'], value: 'Server=ch,1500;Database=cd;User Id=cu;Password=cp', expected: 1500, read: connectionField('port') },
    ],
  },
  {
    types: ['sqlite', 'SQLite', 'sqlite3'],
    canonical: 'sqlite',
    base: {},
    settings: [
      { name: 'file', aliases: ['path', 'filename', 'file', 'database', 'dbname', 'dataSource', 'Data Source'], value: 'x.db', expected: resolve('x.db'), read: field('filename') },
      { name: 'connection string', aliases: ['connectionString', 'conninfo'], value: 'Data Source=y.db', expected: resolve('y.db'), read: field('filename') },
    ],
  },
  {
    types: ['snowflake', 'Snowflake', 'SNOWFLAKE'],
    canonical: 'snowflake',
    base: { account: 'acct', username: 'u', password: 'p', database: 'd' },
    settings: [
      { name: 'account', aliases: ['account', 'accountIdentifier'], value: 'xy123', expected: 'xy123', read: connectionField('account') },
      { name: 'host', aliases: ['host'], value: 'ab12.privatelink.snowflakecomputing.com', expected: 'ab12.privatelink.snowflakecomputing.com', read: connectionField('host') },
      { name: 'user', aliases: ['username', 'user', 'userid'], value: 'loader', expected: 'loader', read: connectionField('username') },
      { name: 'database', aliases: ['database', 'dbname'], value: 'DV', expected: 'DV', read: connectionField('database') },
      { name: 'warehouse', aliases: ['warehouse'], value: 'WH', expected: 'WH', read: connectionField('warehouse') },
      { name: 'connection string', aliases: ['connectionString', 'conninfo'], value: 'snowflake://a:b@acct9/DB9', expected: 'DB9', read: connectionField('database') },
    ],
  },
  {
    types: ['file', 'File', 'FILE', 'directory'],
    canonical: 'file',
    base: { basePath: '/tmp/base' },
    settings: [{ name: 'base path', aliases: ['basePath', 'path', 'directory', 'root', 'Base Path'], value: '/data/in', expected: '/data/in', read: field('basePath') }],
  },
  {
    types: ['sftp', 'SFTP', 'Sftp'],
    canonical: 'sftp',
    base: { host: 'h', username: 'u', password: 'p' },
    settings: [
      { name: 'host', aliases: ['host', 'hostName'], value: 'sftp.example', expected: 'sftp.example', read: field('host') },
      { name: 'port', aliases: ['port'], value: 2222, expected: 2222, read: field('port') },
      { name: 'user', aliases: ['username', 'user', 'userName'], value: 'partner', expected: 'partner', read: field('username') },
      { name: 'password', aliases: ['password'], value: 'pw', expected: 'pw', read: field('password') },
      { name: 'key path', aliases: ['keyPath', 'keyFilename', 'privateKeyPath', 'key_path'], value: '/keys/id', expected: '/keys/id', read: field('keyPath') },
      { name: 'key password', aliases: ['keyPassword', 'passphrase'], value: 'kp', expected: 'kp', read: field('passphrase') },
      { name: 'base path', aliases: ['basePath', 'prefix'], value: '/upload', expected: '/upload', read: field('basePath') },
    ],
  },
  {
    types: ['s3', 'S3'],
    canonical: 's3',
    base: { bucketName: 'b' },
    settings: [
      { name: 'service URL', aliases: ['serviceUrl', 'endpoint', 'ServiceURL'], value: 'http://127.0.0.1:9000', expected: 'http://127.0.0.1:9000', read: field('endpoint') },
      { name: 'region', aliases: ['regionEndPoint', 'region'], value: 'eu-west-1', expected: 'eu-west-1', read: field('region') },
      { name: 'access key', aliases: ['accessKey', 'accessKeyId'], value: 'AK', expected: 'AK', read: field('accessKeyId') },
      { name: 'secret key', aliases: ['secretKey', 'secretAccessKey'], value: 'SK', expected: 'SK', read: field('secretAccessKey') },
      { name: 'bucket', aliases: ['bucketName', 'bucket'], value: 'lake', expected: 'lake', read: field('bucket') },
      { name: 'prefix', aliases: ['prefix', 'basePath'], value: 'raw/', expected: 'raw', read: field('prefix') },
    ],
  },
  {
    types: ['gitlab', 'GitLab', 'GITLAB'],
    canonical: 'gitlab',
    base: { baseUri: 'http://127.0.0.1', projectId: '1' },
    settings: [
      { name: 'address', aliases: ['baseUri', 'url', 'baseUrl'], value: 'https://git.example/', expected: 'https://git.example', read: field('baseUri') },
      { name: 'token', aliases: ['accessToken', 'privateToken', 'token'], value: 'glpat', expected: 'glpat', read: field('accessToken') },
      { name: 'project', aliases: ['projectId', 'project'], value: 'group/repo', expected: 'group/repo', read: field('projectId') },
    ],
  },
  {
    types: ['ftp', 'FTP', 'ftps'],
    canonical: 'ftp',
    base: { host: 'h' },
    settings: [
      { name: 'host', aliases: ['host', 'hostName'], value: 'ftp.example', expected: 'ftp.example', read: field('host') },
      { name: 'port', aliases: ['port'], value: '2121', expected: 2121, read: field('port') },
      { name: 'user', aliases: ['username', 'user'], value: 'vda', expected: 'vda', read: field('username') },
      { name: 'password', aliases: ['password'], value: 'pw', expected: 'pw', read: field('password') },
      { name: 'base path', aliases: ['basePath', 'prefix'], value: '/out', expected: '/out', read: field('basePath') },
      { name: 'encryption', aliases: ['encryption'], value: 'Implicit', expected: 'implicit', read: field('encryption') },
    ],
  },
];

/** The spellings of a key that must all work: as written, lower, upper, Pascal, snake. */
function spellings(alias: string): string[] {
  const pascal = alias.charAt(0).toUpperCase() + alias.slice(1);
  const snake = alias.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return [...new Set([alias, alias.toLowerCase(), alias.toUpperCase(), pascal, snake])];
}

describe('configuration compatibility', () => {
  for (const typeCase of cases) {
    describe(typeCase.canonical, () => {
      it.each(typeCase.types)('builds type name %s', async (type) => {
        const store = buildStore({ Name: 'compat', Type: type, Config: typeCase.base });
        expect(store.type).toBe(typeCase.canonical);
        await store.close();
      });

      for (const setting of typeCase.settings) {
        const rows = setting.aliases.flatMap((alias) => spellings(alias).map((key) => [key] as const));
        it.each(rows)(`reads the ${setting.name} from %s`, async (key) => {
          const config = { ...withoutAliases(typeCase.base, setting.aliases), [key]: setting.value };
          const store = buildStore({ Name: 'compat', Type: typeCase.canonical, Config: config });
          expect(setting.read(store)).toEqual(setting.expected);
          await store.close();
        });
      }
    });
  }

  describe('precedence', () => {
    it('takes the first alias in order when several are set', async () => {
      const store = buildStore({ Name: 'p', Type: 'postgresql', Config: { server: 'second', HOST: 'first' } });
      expect(knexConnection(store).host).toBe('first');
      await store.close();
    });

    it('lets a non-empty connection string win over the discrete keys', async () => {
      const store = buildStore({ Name: 'p', Type: 'postgresql', Config: { host: 'discrete', ConnInfo: 'host=fromstring dbname=x' } });
      expect(knexConnection(store).host).toBe('fromstring');
      await store.close();
    });

    it('ignores an empty connection string', async () => {
      const store = buildStore({ Name: 'p', Type: 'postgresql', Config: { host: 'discrete', connectionString: '  ' } });
      expect(knexConnection(store).host).toBe('discrete');
      await store.close();
    });
  });
});

function withoutAliases(base: Record<string, unknown>, aliases: readonly string[]): Record<string, unknown> {
  const normalized = new Set(aliases.map((alias) => alias.toLowerCase().replace(/[\s_]/g, '')));
  return Object.fromEntries(Object.entries(base).filter(([key]) => !normalized.has(key.toLowerCase().replace(/[\s_]/g, ''))));
}
