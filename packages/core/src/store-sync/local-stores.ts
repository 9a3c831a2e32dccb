import { createHash } from 'node:crypto';

import type { StoreDefinition } from '@bevault-workers/stores';

import type { WireLocalStore } from './store-sync-wire';

/** Describes the local stores as DfaktoStatesSyncStores reports them: no config, so no secret. @internal */
export function localStoresPayload(definitions: readonly StoreDefinition[]): WireLocalStore[] {
  return definitions.map((definition) => ({
    name: definition.name,
    type: definition.type,
    enableHealthCheck: definition.healthCheck,
    healthCheckDelaySeconds: definition.healthCheckDelaySeconds,
  }));
}

/**
 * Computes `localStoresVersionToken`: a SHA-256 of the payload with sorted
 * keys, as `bevault_workers` does. Python's JSON spacing differs, so the two
 * libraries give different tokens for the same stores. That is harmless
 * because a token only has to change when its worker's stores change.
 *
 * @internal
 */
export function localStoresVersionToken(stores: readonly WireLocalStore[]): string {
  const sorted = stores.map((store) => Object.fromEntries(Object.entries(store).sort(([a], [b]) => a.localeCompare(b))));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
