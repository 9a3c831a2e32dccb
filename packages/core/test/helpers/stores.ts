import { normalizeStoreDefinition, StoreRegistry } from '@bevault-workers/stores';

/**
 * Creates a real store registry with an in-memory SQLite store `Warehouse`, a local
 * file store `Landing` under `fileBase`, and `Broken`, a definition of an
 * unknown type that cannot be built.
 */
export function createTestStores(fileBase: string): StoreRegistry {
  return StoreRegistry.create({
    definitions: [
      normalizeStoreDefinition({ Name: 'Warehouse', Type: 'sqlite', Config: { path: ':memory:' } }),
      normalizeStoreDefinition({ Name: 'Landing', Type: 'file', Config: { BasePath: fileBase } }),
      normalizeStoreDefinition({ Name: 'Broken', Type: 'no-such-type', Config: {} }),
    ],
  });
}
