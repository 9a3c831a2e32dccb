import { normalizeStoreDefinition, StoreConfigurationError, type StoreDefinition, type StoreLookup } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import type { WireStatesStore } from './store-sync-wire';

/** Prefix of a States store whose name a local store has too. @public */
export const STATES_STORE_PREFIX = 'states::';

/**
 * Builds the definitions a registry serves from the local ones and those
 * States publishes. A local definition wins over a States one with the same
 * name (case-insensitively), and the States one is renamed
 * `states::<name>`, so both stay reachable. A States entry without a name
 * is skipped with a warning. An entry with an invalid type or config becomes
 * an unavailable store, as a local one would.
 *
 * @internal
 */
export function mergeStoreDefinitions(local: readonly StoreDefinition[], statesStores: readonly unknown[], logger: Logger): StoreDefinition[] {
  const localNames = new Set(local.map((definition) => definition.name.toLowerCase()));
  const merged = [...local];

  statesStores.forEach((item, index) => {
    const definition = readStatesStore(item, index, logger);
    if (definition === undefined) {
      return;
    }

    if (!localNames.has(definition.name.toLowerCase())) {
      merged.push(definition);
      return;
    }

    const renamed = `${STATES_STORE_PREFIX}${definition.name}`;
    logger.warn('Store defined locally and in States; the States store is renamed', { store: definition.name, renamedTo: renamed });
    merged.push({ ...definition, name: renamed });
  });

  return merged;
}

/**
 * Returns the registry name of a store that a force-check request names. A
 * local store keeps its name. A States store is `states::<name>` when a local
 * store took the name, else `<name>`. Returns undefined when the registry has
 * no such store from that source.
 *
 * @internal
 */
export function registryNameOf(request: { source: 'local' | 'states'; name: string }, stores: StoreLookup): string | undefined {
  const candidates = request.source === 'states' ? [`${STATES_STORE_PREFIX}${request.name}`, request.name] : [request.name];

  for (const candidate of candidates) {
    const definition = stores.definition(candidate);
    if (definition !== undefined && definition.source === request.source) {
      return definition.name;
    }
  }

  return undefined;
}

/** Returns the store's name in its source, without the `states::` prefix of a renamed States store. @internal */
export function publishedNameOf(definition: StoreDefinition): string {
  return definition.source === 'states' && definition.name.startsWith(STATES_STORE_PREFIX) ? definition.name.slice(STATES_STORE_PREFIX.length) : definition.name;
}

function readStatesStore(item: unknown, index: number, logger: Logger): StoreDefinition | undefined {
  const store: WireStatesStore = typeof item === 'object' && item !== null ? item : {};

  try {
    return normalizeStoreDefinition(
      {
        Name: store.name,
        Type: store.type,
        Config: store.config,
        EnableHealthCheck: store.enableHealthCheck,
        HealthCheckDelaySeconds: store.healthCheckDelaySeconds,
      },
      { source: 'states', origin: 'the stores States sent' },
    );
  } catch (error) {
    if (!(error instanceof StoreConfigurationError)) {
      throw error;
    }

    logger.warn('States store skipped', { index, reason: error.message });
    return undefined;
  }
}
