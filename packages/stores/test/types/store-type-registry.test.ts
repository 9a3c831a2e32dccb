import { describe, expect, it } from 'vitest';

import {
  BaseFileStore,
  getStoreTypeMetadata,
  normalizeStoreDefinition,
  StoreConfigurationError,
  StoreRegistry,
  StoreType,
  StoreTypeRegistry,
  type FileStat,
  type Store,
  type StoreContext,
} from '@bevault-workers/stores';
import { Readable, Writable } from 'node:stream';

/** A custom file store keeping files in memory, written the way the docs show. */
@StoreType('memory', { aliases: ['ram'] })
class MemoryFileStore extends BaseFileStore {
  readonly files = new Map<string, Buffer>();
  readonly label: string;

  constructor(context: StoreContext) {
    super(context);
    this.label = this.settings.requiredString(['label', 'title'], 'a label');
  }

  async ping(): Promise<void> {}

  protected async closeConnections(): Promise<void> {}

  protected async readPath(path: string): Promise<Readable> {
    const content = this.files.get(path);
    if (content === undefined) {
      throw this.fileNotFound(path);
    }
    return Readable.from([content]);
  }

  protected async writePath(path: string): Promise<Writable> {
    const chunks: Buffer[] = [];
    return new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        chunks.push(chunk);
        callback();
      },
      final: (callback) => {
        this.files.set(path, Buffer.concat(chunks));
        callback();
      },
    });
  }

  protected async deletePath(path: string): Promise<void> {
    this.files.delete(path);
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    const content = this.files.get(path);
    return content === undefined ? undefined : { size: content.length };
  }

  protected async listPaths(): Promise<string[]> {
    return [...this.files.keys()];
  }
}

@StoreType('file')
class ReplacementFileStore extends MemoryFileStore {}

function context(name: string, type: string, config: Record<string, unknown> = {}): StoreContext {
  const definition = normalizeStoreDefinition({ Name: name, Type: type, Config: config });
  return { name, type, config: definition.config, logger: { debug() {}, info() {}, warn() {}, error() {} }, definition };
}

describe(StoreTypeRegistry.name, () => {
  describe('register', () => {
    it('registers a decorated class under its type name and aliases', async () => {
      const types = new StoreTypeRegistry().register(MemoryFileStore);
      expect(types.names()).toEqual(['memory']);
      expect(types.resolve('RAM')).toBe('memory');

      const store = types.create(context('mem', 'Ram', { Label: 'scratch' })) as MemoryFileStore;
      expect(store).toBeInstanceOf(MemoryFileStore);
      expect(store.type).toBe('memory');
      expect(store.label).toBe('scratch');

      await store.write(store.createFileToken('a/b.txt'), 'custom');
      expect(await store.list('a/')).toEqual(['memory://mem/a/b.txt']);
    });

    it('lets a decorated class replace a built-in type', async () => {
      const types = StoreTypeRegistry.withBuiltIns().register(ReplacementFileStore);
      const registry = StoreRegistry.create({ definitions: [normalizeStoreDefinition({ Name: 'f', Type: 'file', Config: { label: 'x' } })], types });
      expect(registry.get('f')).toBeInstanceOf(ReplacementFileStore);
      await registry.close();
    });

    it('registers a factory function', () => {
      const made: Store = { name: 'n', type: 'made', kind: 'database', ping: async () => {}, close: async () => {} };
      const types = new StoreTypeRegistry().register('made', () => made);
      expect(types.create(context('n', 'made'))).toBe(made);
    });

    it('rejects a class without the decorator', () => {
      class Plain extends MemoryFileStore {}
      // A subclass inherits no metadata: the WeakMap holds the decorated class only.
      expect(() => new StoreTypeRegistry().register(Plain)).toThrow(
        "Class Plain has no @StoreType('name') decorator: decorate it or call register('name', Plain).",
      );
    });

    it('rejects a factory that returns no store', () => {
      const types = new StoreTypeRegistry().register('bad', () => ({}) as Store);
      expect(() => types.create(context('b', 'bad'))).toThrow(
        new StoreConfigurationError("The factory of store type 'bad' did not return a store (an object with ping() and close())."),
      );
    });
  });

  describe('StoreType', () => {
    it('only records metadata', () => {
      expect(getStoreTypeMetadata(MemoryFileStore)).toEqual({ typeName: 'memory', options: { aliases: ['ram'] } });
    });
  });

  describe('withBuiltIns', () => {
    it('holds every built-in type', () => {
      expect(StoreTypeRegistry.withBuiltIns().names()).toEqual(['file', 'ftp', 'gitlab', 'mysql', 'postgresql', 's3', 'sftp', 'snowflake', 'sqlite', 'sqlserver']);
    });

    it('returns independent registries', () => {
      const first = StoreTypeRegistry.withBuiltIns();
      first.unregister('ftp');
      expect(StoreTypeRegistry.withBuiltIns().has('ftp')).toBe(true);
    });
  });
});
