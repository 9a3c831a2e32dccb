import { normalizeStoreDefinition, StoreTypeRegistry, type Store } from '@bevault-workers/stores';

import { MemoryLogger } from './memory-logger';

/** Builds one store of a built-in type from a raw definition entry, as a registry would. */
export function buildStore<T extends Store>(raw: { Name: string; Type: string; Config: Record<string, unknown> }, logger = new MemoryLogger()): T {
  const definition = normalizeStoreDefinition(raw);
  return StoreTypeRegistry.withBuiltIns().create({
    name: definition.name,
    type: definition.type,
    config: definition.config,
    logger,
    definition,
  }) as T;
}
