import { normalizeStoreDefinition, StoreRegistry, type StoreDefinition } from '@bevault-workers/stores';
import type { StatesLocal } from '@bevault-workers/states-local';

import { Backoff } from '../../../src/polling/backoff';
import { StatesStoreClient } from '../../../src/store-sync/states-store-client';
import { StoreSync, type StoreSyncOptions } from '../../../src/store-sync/store-sync';
import { captureLogger, type CapturedEntry } from '../../polling/support/capture-logger';
import { cleanUp as cleanUpEndpoints, testCredentials } from '../../e2e/support/harness';
import { Gateway } from './gateway';

/** Starts Local States that verifies signatures, with a one-second long-poll hold. */
export { startStates } from '../../e2e/support/harness';

/** The worker service environment of these tests. */
export const environmentName = 'dev';

const openSyncs: StoreSync[] = [];
const openRegistries: StoreRegistry[] = [];
const openGateways: Gateway[] = [];

/** Starts a {@link Gateway} in front of `states`. */
export async function startGateway(states: StatesLocal): Promise<Gateway> {
  const gateway = await Gateway.start(states.url);
  openGateways.push(gateway);

  return gateway;
}

/** A real registry of `definitions`, closed by {@link cleanUp}. */
export function createRegistry(definitions: readonly StoreDefinition[]): StoreRegistry {
  const registry = StoreRegistry.create({ definitions });
  openRegistries.push(registry);

  return registry;
}

/** A local file store definition: `file` type with `BasePath`. */
export function fileStore(name: string, basePath: string, extra: Record<string, unknown> = {}): StoreDefinition {
  return normalizeStoreDefinition({ Name: name, Type: 'file', Config: { BasePath: basePath }, ...extra });
}

/**
 * Creates a store sync against `url` with test-sized timings: backoff from
 * 50 ms to 200 ms, 50 ms between long polls, and a status heartbeat of a
 * minute unless overridden. Closed by {@link cleanUp}.
 */
export function createSync(
  url: string,
  stores: StoreRegistry,
  overrides: Partial<StoreSyncOptions> = {},
): { sync: StoreSync; entries: CapturedEntry[] } {
  const { logger, entries } = captureLogger();
  const sync = new StoreSync({
    stores,
    environmentName,
    pollTimeoutMs: 5_000,
    statusHeartbeatMs: 60_000,
    requestTimeoutMs: 2_000,
    logger,
    backoff: new Backoff({ baseMs: 50, maxMs: 200 }),
    minPollCycleMs: 50,
    ...overrides,
    client: overrides.client ?? new StatesStoreClient({ baseUrl: url, region: 'us-east-1', credentials: testCredentials }),
  });
  openSyncs.push(sync);

  return { sync, entries };
}

/** Stops every sync, registry, gateway and endpoint the test opened. */
export async function cleanUp(): Promise<void> {
  await Promise.all(openSyncs.splice(0).map((sync) => sync.close()));
  await Promise.all(openRegistries.splice(0).map((registry) => registry.close()));
  await Promise.all(openGateways.splice(0).map((gateway) => gateway.stop()));
  await cleanUpEndpoints();
}
