import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  InvalidFileTokenError,
  isDbStore,
  isFileStore,
  normalizeStoreDefinition,
  StoreKindError,
  StoreNotFoundError,
  StoreRegistry,
  StoreTypeRegistry,
  StoreUnavailableError,
  type Store,
  type StoreContext,
} from '@bevault-workers/stores';

import { MemoryLogger } from '../support/memory-logger';
import { useTempDirs } from '../support/temp-dir';

/** A store that counts pings and closes, for lifecycle assertions. */
class CountingStore implements Store {
  readonly kind = 'database' as const;
  readonly name: string;
  readonly type: string;
  pings = 0;
  closes = 0;
  failPing = false;

  constructor(context: StoreContext) {
    this.name = context.name;
    this.type = context.type;
  }

  async ping(): Promise<void> {
    this.pings += 1;
    if (this.failPing) {
      throw new Error('server unreachable');
    }
  }

  async close(): Promise<void> {
    this.closes += 1;
  }
}

function define(name: string, type: string, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return normalizeStoreDefinition({ Name: name, Type: type, Config: config, ...extra });
}

describe(StoreRegistry.name, () => {
  const tempDir = useTempDirs();

  function createRegistry(logger = new MemoryLogger()) {
    const base = tempDir();
    return StoreRegistry.create({
      logger,
      definitions: [
        define('Warehouse', 'sqlite', { path: ':memory:' }),
        define('Landing', 'file', { BasePath: join(base, 'landing') }),
        define('Broken', 'sftp-nope', {}),
      ],
    });
  }

  describe('get', () => {
    it('finds stores case-insensitively', async () => {
      const registry = createRegistry();
      expect(registry.get('warehouse').name).toBe('Warehouse');
      expect(registry.get('LANDING').type).toBe('file');
      expect(isDbStore(registry.getDatabase('WareHouse'))).toBe(true);
      expect(isFileStore(registry.getFileStore('landing'))).toBe(true);
      await registry.close();
    });

    it('names the store and lists the existing ones when the name is unknown', async () => {
      const registry = createRegistry();
      expect(() => registry.get('nope')).toThrow(
        new StoreNotFoundError('nope', ['Broken', 'Landing', 'Warehouse']),
      );
      expect(() => registry.get('nope')).toThrow(
        "Store 'nope' not found. Existing stores: 'Broken', 'Landing', 'Warehouse'. " +
          'Define it in config.json, the STORE_CONFIG environment variable or States (names match case-insensitively).',
      );
      await registry.close();
    });

    it('reports a definition that failed to build with its reason', async () => {
      const registry = createRegistry();
      const error = (() => {
        try {
          registry.get('broken');
        } catch (caught) {
          return caught as StoreUnavailableError;
        }
      })();
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error?.message).toMatch(/^Store 'Broken' is unavailable: Unknown store type 'sftp-nope' for store 'Broken'\. Known types: /);
      expect(registry.failures().get('Broken')).toBe(error?.reason);
      await registry.close();
    });

    it('rejects a store of the wrong kind', async () => {
      const registry = createRegistry();
      expect(() => registry.getFileStore('warehouse')).toThrow(new StoreKindError('Warehouse', 'file', 'database'));
      expect(() => registry.getDatabase('landing')).toThrow(StoreKindError);
      await registry.close();
    });
  });

  describe('create', () => {
    it('logs a warning naming each skipped store and its reason', async () => {
      const logger = new MemoryLogger();
      const registry = createRegistry(logger);
      expect(logger.find('Store definition skipped')).toEqual([
        expect.objectContaining({ level: 'warn', meta: expect.objectContaining({ store: 'Broken', type: 'sftp-nope' }) }),
      ]);
      expect(logger.find('Stores loaded')[0]?.meta).toEqual({ stores: ['Landing', 'Warehouse'], failed: ['Broken'] });
      await registry.close();
    });

    it('leaves out deleted definitions', async () => {
      const registry = StoreRegistry.create({ definitions: [define('gone', 'sqlite', {}, { Status: 'deleted' })] });
      expect(registry.has('gone')).toBe(false);
      await registry.close();
    });

    it('keeps the local definition when States sends one with the same name', async () => {
      const logger = new MemoryLogger();
      const states = normalizeStoreDefinition({ Name: 'shared', Type: 'sqlite', Config: {} }, { source: 'states' });
      const local = define('SHARED', 'file', { BasePath: tempDir() });
      const registry = StoreRegistry.create({ definitions: [states, local], logger });
      expect(registry.get('shared').type).toBe('file');
      expect(logger.find('Duplicate store definition ignored')[0]?.meta).toEqual({ store: 'shared', keptSource: 'local', ignoredSource: 'states' });
      await registry.close();
    });

    it('reports an entry the loader found invalid as unavailable', async () => {
      const registry = StoreRegistry.create({ definitions: [normalizeStoreDefinition({ Name: 'bad', Type: 'file', Config: '{' })] });
      expect(() => registry.get('bad')).toThrow(`Store 'bad' is unavailable: invalid definition: 'Config' is a string that is not valid JSON`);
      await registry.close();
    });
  });

  describe('resolveFileToken', () => {
    it('returns the store and the relative path', async () => {
      const registry = createRegistry();
      const resolved = registry.resolveFileToken('file://LANDING/in/a.csv');
      expect(resolved.store.name).toBe('Landing');
      expect(resolved.path).toBe('in/a.csv');
      expect(resolved.token).toBe('file://LANDING/in/a.csv');
      await registry.close();
    });

    it('rejects a scheme that is not the store type', async () => {
      const registry = createRegistry();
      expect(() => registry.resolveFileToken('s3://Landing/a.csv')).toThrow(
        new InvalidFileTokenError(
          's3://Landing/a.csv',
          "the scheme 's3' does not match the type of store 'Landing' (file); use file://Landing/...",
        ),
      );
      await registry.close();
    });

    it('rejects a token naming a database store', async () => {
      const registry = createRegistry();
      expect(() => registry.resolveFileToken('sqlite://warehouse/a.csv')).toThrow(
        new InvalidFileTokenError('sqlite://warehouse/a.csv', "store 'Warehouse' is a database store, not a file store"),
      );
      await registry.close();
    });

    it('rejects an unknown store and a traversal', async () => {
      const registry = createRegistry();
      expect(() => registry.resolveFileToken('file://elsewhere/a.csv')).toThrow(StoreNotFoundError);
      expect(() => registry.resolveFileToken('file://landing/../a.csv')).toThrow(InvalidFileTokenError);
      await registry.close();
    });
  });

  describe('custom types', () => {
    it('builds a user type that replaces a built-in one', async () => {
      const types = StoreTypeRegistry.withBuiltIns().register('sqlite', CountingStore);
      const registry = StoreRegistry.create({ definitions: [define('db', 'SQLite')], types });
      expect(registry.get('db')).toBeInstanceOf(CountingStore);
      await registry.close();
    });
  });

  describe('applyDefinitions', () => {
    function countingRegistry(definitions = [define('a', 'counting', { v: 1 }), define('b', 'counting', { v: 1 })]) {
      const types = new StoreTypeRegistry().register('counting', CountingStore);
      return { types, registry: StoreRegistry.create({ definitions, types }) };
    }

    it('keeps unchanged stores, rebuilds changed ones and closes the replaced ones', async () => {
      const { registry } = countingRegistry();
      const a = registry.get('a') as CountingStore;
      const b = registry.get('b') as CountingStore;

      const changes = await registry.applyDefinitions([define('a', 'counting', { v: 1 }), define('b', 'counting', { v: 2 }), define('c', 'counting')]);

      expect(changes).toMatchObject({ added: ['c'], replaced: ['b'], removed: [], unchanged: ['a'] });
      expect(registry.get('a')).toBe(a);
      expect(registry.get('b')).not.toBe(b);
      expect(b.closes).toBe(1);
      expect(a.closes).toBe(0);
      await registry.close();
    });

    it('keeps a snapshot on the stores it was taken with until it is released', async () => {
      const { registry } = countingRegistry();
      const snapshot = registry.snapshot();
      const oldB = snapshot.get('b') as CountingStore;

      const changes = await registry.applyDefinitions([define('a', 'counting', { v: 1 })]);
      expect(changes.removed).toEqual(['b']);
      expect(registry.has('b')).toBe(false);
      expect(snapshot.get('b')).toBe(oldB);
      expect(oldB.closes).toBe(0);

      await snapshot.release();
      expect(oldB.closes).toBe(1);
      await snapshot.release();
      expect(oldB.closes).toBe(1);
      await registry.close();
    });

    it('closes a store carried over several generations only when the last holder releases it', async () => {
      const { registry } = countingRegistry();
      const first = registry.snapshot();
      await registry.applyDefinitions([define('a', 'counting', { v: 1 }), define('b', 'counting', { v: 1 })]);
      const second = registry.snapshot();
      const b = second.get('b') as CountingStore;
      await registry.applyDefinitions([define('a', 'counting', { v: 1 })]);

      await second.release();
      expect(b.closes).toBe(0);
      await first.release();
      expect(b.closes).toBe(1);
      await registry.close();
    });
  });

  describe('close', () => {
    it('closes every store once, even when called twice', async () => {
      const types = new StoreTypeRegistry().register('counting', CountingStore);
      const registry = StoreRegistry.create({ definitions: [define('a', 'counting')], types });
      const store = registry.get('a') as CountingStore;
      await Promise.all([registry.close(), registry.close()]);
      expect(store.closes).toBe(1);
      expect(() => registry.snapshot()).toThrow('The store registry is closed: create a new one to use stores again.');
    });
  });

  describe('health checks', () => {
    it('pings stores with health checks on their interval and logs each change of state', async () => {
      const logger = new MemoryLogger();
      const types = new StoreTypeRegistry().register('counting', CountingStore);
      const registry = StoreRegistry.create({
        logger,
        types,
        definitions: [
          define('checked', 'counting', {}, { HealthCheck: true, HealthCheckDelaySeconds: 0.05 }),
          define('unchecked', 'counting'),
        ],
      });
      const checked = registry.get('checked') as CountingStore;
      const unchecked = registry.get('unchecked') as CountingStore;

      registry.startHealthChecks();
      await waitFor(() => registry.health().get('checked')?.state === 'healthy');
      checked.failPing = true;
      await waitFor(() => (registry.health().get('checked')?.consecutiveFailures ?? 0) >= 2);
      checked.failPing = false;
      await waitFor(() => registry.health().get('checked')?.state === 'healthy');
      registry.stopHealthChecks();

      expect(unchecked.pings).toBe(0);
      expect(checked.pings).toBeGreaterThanOrEqual(4);
      expect(logger.entries.filter((entry) => entry.message.startsWith('Store health check')).map((entry) => [entry.level, entry.message])).toEqual(
        expect.arrayContaining([
          ['info', 'Store health check passed'],
          ['warn', 'Store health check failed'],
          ['debug', 'Store health check still failing'],
        ]),
      );
      expect(logger.find('Store health check passed')).toHaveLength(2);
      expect(logger.find('Store health check failed')).toHaveLength(1);
      expect(logger.find('Store health check failed')[0]?.meta).toMatchObject({ store: 'checked', previousState: 'healthy', error: 'server unreachable' });
      await registry.close();
    });

    it('checks named stores at once on checkHealth, sharing a check in progress', async () => {
      const types = new StoreTypeRegistry().register('counting', CountingStore);
      const registry = StoreRegistry.create({
        types,
        definitions: [
          define('Checked', 'counting', {}, { HealthCheck: true, HealthCheckDelaySeconds: 3600 }),
          define('unchecked', 'counting'),
        ],
      });
      const checked = registry.get('checked') as CountingStore;
      const unchecked = registry.get('unchecked') as CountingStore;

      expect((await registry.checkHealth(['checked'])).size).toBe(0);
      expect(checked.pings).toBe(0);

      registry.startHealthChecks();
      await registry.checkHealth();
      expect(checked.pings).toBe(1);

      checked.failPing = true;
      const health = await registry.checkHealth(['CHECKED', 'unchecked', 'missing']);

      expect(checked.pings).toBe(2);
      expect(unchecked.pings).toBe(0);
      expect(health.get('Checked')).toMatchObject({ state: 'unhealthy', error: 'server unreachable', consecutiveFailures: 1 });
      await registry.close();
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
