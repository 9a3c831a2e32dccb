import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  normalizeStoreDefinition,
  StoreRegistry,
  StoreTypeRegistry,
  type Store,
  type StoreDefinition,
  type StoreLogger,
} from '@bevault-workers/stores';

import type { FakeStore, StoreReplacement } from './store-override';

/**
 * A store entry as in `config.json` or `STORE_CONFIG` (`{ Name, Type, Config }`,
 * keys in any case), or a definition from `loadStoreDefinitions()`.
 *
 * @public
 */
export type StoreEntry = StoreDefinition | Readonly<Record<string, unknown>>;

/** Store type under which fakes given to `useValue()` are registered. */
const fakeStoreType = 'bevault-testing-fake';

/**
 * The stores of a testing app: a real registry, and what it takes to clean up.
 *
 * @internal
 */
export interface TestStores {
  readonly registry: StoreRegistry;
  /** Folder of each `useTempDir()` store, by store name as given. */
  readonly tempDirs: ReadonlyMap<string, string>;
  /** Closes the registry and deletes the temporary folders. */
  dispose(): Promise<void>;
}

/**
 * Builds a real `StoreRegistry` from the entries, with each override put in
 * place of the entry of the same name (case-insensitive) or added. Fakes are
 * served by a store type of their own, so lookups, snapshots, kind checks and
 * file tokens behave as with any other store.
 *
 * @internal
 */
export function buildTestStores(entries: readonly StoreEntry[], overrides: ReadonlyMap<string, StoreReplacement>, logger: StoreLogger): TestStores {
  const definitions = new Map<string, StoreDefinition>();
  for (const entry of entries) {
    const definition = normalizeStoreDefinition(entry, { origin: 'the stores option of the testing app' });
    definitions.set(definition.name.toLowerCase(), definition);
  }

  const fakes = new Map<string, FakeStore>();
  const tempDirs = new Map<string, string>();

  try {
    for (const [name, replacement] of overrides) {
      const raw = rawEntryFor(name, replacement, fakes, tempDirs);
      definitions.set(name.toLowerCase(), normalizeStoreDefinition(raw, { origin: `overrideStore('${name}')` }));
    }
  } catch (error) {
    removeDirs(tempDirs);
    throw error;
  }

  const types = StoreTypeRegistry.withBuiltIns().register(fakeStoreType, (context) => withStoreDefaults(fakes.get(context.name.toLowerCase())!, context.name));
  const registry = StoreRegistry.create({ definitions: [...definitions.values()], logger, types });

  return {
    registry,
    tempDirs,
    dispose: async () => {
      try {
        await registry.close();
      } finally {
        removeDirs(tempDirs);
      }
    },
  };
}

function rawEntryFor(name: string, replacement: StoreReplacement, fakes: Map<string, FakeStore>, tempDirs: Map<string, string>): Record<string, unknown> {
  switch (replacement.kind) {
    case 'value':
      fakes.set(name.toLowerCase(), replacement.store);
      return { Name: name, Type: fakeStoreType, Config: {} };
    case 'definition':
      return { Name: name, Type: replacement.type, Config: { ...replacement.config } };
    case 'temp-dir': {
      const dir = mkdtempSync(join(tmpdir(), 'bvw-testing-'));
      tempDirs.set(name, dir);
      return { Name: name, Type: 'file', Config: { BasePath: dir } };
    }
  }
}

/** Serves a fake as a store, adding `name`, `type`, `ping` and `close` when it lacks them. */
function withStoreDefaults(fake: FakeStore, name: string): Store {
  const defaults: Record<string | symbol, unknown> = {
    name,
    type: fakeStoreType,
    ping: async () => undefined,
    close: async () => undefined,
  };

  if (Object.keys(defaults).every((key) => key in fake)) {
    return fake as unknown as Store;
  }

  return new Proxy(fake, {
    get: (target, property, receiver) => (property in target ? Reflect.get(target, property, receiver) : defaults[property]),
    has: (target, property) => property in target || property in defaults,
  }) as unknown as Store;
}

function removeDirs(dirs: ReadonlyMap<string, string>): void {
  for (const dir of dirs.values()) {
    rmSync(dir, { recursive: true, force: true });
  }
}
