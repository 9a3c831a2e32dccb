import { normalizeStoreDefinition, StoreRegistry } from '@bevault-workers/stores';
import { afterAll, describe, expect, it } from 'vitest';

import { mergeStoreDefinitions, publishedNameOf, registryNameOf } from '../../src/store-sync/merge-store-definitions';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';

const local = [
  normalizeStoreDefinition({ Name: 'Warehouse', Type: 'sqlite', Config: { path: ':memory:' } }),
  normalizeStoreDefinition({ Name: 'files', Type: 'file', Config: { BasePath: '/data/files' } }),
];

async function merge(statesStores: unknown[]) {
  const { logger, entries } = captureLogger();
  const definitions = mergeStoreDefinitions(local, statesStores, logger);
  await new Promise((resolve) => setImmediate(resolve));

  return { definitions, entries };
}

describe(mergeStoreDefinitions.name, () => {
  it('adds States stores after the local ones, with their settings', async () => {
    const { definitions } = await merge([
      { name: 'dwh', type: 'postgresql', enableHealthCheck: true, healthCheckDelaySeconds: 30, config: { host: '127.0.0.1', password: 'pw' } },
    ]);

    expect(definitions.map((definition) => [definition.name, definition.source])).toEqual([
      ['Warehouse', 'local'],
      ['files', 'local'],
      ['dwh', 'states'],
    ]);
    expect(definitions[2]).toMatchObject({ type: 'postgresql', healthCheck: true, healthCheckDelaySeconds: 30, config: { host: '127.0.0.1', password: 'pw' } });
  });

  it('renames a colliding States store, in any case', async () => {
    const { definitions, entries } = await merge([{ name: 'WAREHOUSE', type: 'postgresql', config: {} }]);

    expect(definitions.map((definition) => definition.name)).toEqual(['Warehouse', 'files', 'states::WAREHOUSE']);
    expect(definitions[0]?.type).toBe('sqlite');
    expect(definitions[2]).toMatchObject({ type: 'postgresql', source: 'states' });
    expect(entriesWith(entries, 'Store defined locally and in States; the States store is renamed')).toMatchObject([
      { level: 'warn', store: 'WAREHOUSE', renamedTo: 'states::WAREHOUSE' },
    ]);
  });

  it('reads a config sent as JSON text and defaults the health check settings', async () => {
    const { definitions } = await merge([{ name: 'dwh', type: 'postgresql', healthCheckDelaySeconds: null, config: '{"host": "db.local"}' }]);

    expect(definitions[2]).toMatchObject({ config: { host: 'db.local' }, healthCheck: false, healthCheckDelaySeconds: 60 });
    expect(definitions[2]?.invalidReason).toBeUndefined();
  });

  it('keeps an entry with an invalid config as an unavailable store', async () => {
    const { definitions } = await merge([{ name: 'broken', type: 'postgresql', config: '{not json' }]);

    expect(definitions[2]).toMatchObject({ name: 'broken', invalidReason: "invalid definition: 'Config' is a string that is not valid JSON" });
  });

  it('skips an entry without a name, with a warning giving its position', async () => {
    const { definitions, entries } = await merge([{ type: 'postgresql' }, 'not an object', { name: 'dwh', type: 'postgresql' }]);

    expect(definitions.map((definition) => definition.name)).toEqual(['Warehouse', 'files', 'dwh']);
    expect(entriesWith(entries, 'States store skipped').map((entry) => entry.index)).toEqual([0, 1]);
  });
});

describe(registryNameOf.name, () => {
  const stores = StoreRegistry.create({
    definitions: [
      ...local,
      normalizeStoreDefinition({ Name: 'states::files', Type: 'file', Config: { BasePath: '/other' } }, { source: 'states' }),
      normalizeStoreDefinition({ Name: 'dwh', Type: 'sqlite', Config: { path: ':memory:' } }, { source: 'states' }),
    ],
  });
  afterAll(() => stores.close());

  it('finds a renamed States store under its prefixed name', () => {
    expect(registryNameOf({ source: 'states', name: 'files' }, stores)).toBe('states::files');
    expect(registryNameOf({ source: 'local', name: 'files' }, stores)).toBe('files');
  });

  it('finds a States store that kept its name, case-insensitively', () => {
    expect(registryNameOf({ source: 'states', name: 'DWH' }, stores)).toBe('dwh');
  });

  it('finds nothing for a name of the other source or an unknown name', () => {
    expect(registryNameOf({ source: 'local', name: 'dwh' }, stores)).toBeUndefined();
    expect(registryNameOf({ source: 'states', name: 'Warehouse' }, stores)).toBeUndefined();
    expect(registryNameOf({ source: 'states', name: 'missing' }, stores)).toBeUndefined();
  });
});

describe(publishedNameOf.name, () => {
  it('drops the prefix of a renamed States store only', () => {
    expect(publishedNameOf(normalizeStoreDefinition({ Name: 'states::files', Type: 'file' }, { source: 'states' }))).toBe('files');
    expect(publishedNameOf(normalizeStoreDefinition({ Name: 'states::files', Type: 'file' }))).toBe('states::files');
  });
});
