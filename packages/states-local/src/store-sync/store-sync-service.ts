import { createHash } from 'node:crypto';

import type { StatesLocalLogger } from '../logging/logger';
import type {
  EnvironmentStoreStatuses,
  ForceCheckRequest,
  LocalStoreDefinition,
  StatesStoreDefinition,
  StoreStatus,
} from './store-sync-types';
import { Waiters } from './waiters';

/** A queued force-check request with its position in the environment's sequence. */
interface QueuedForceCheck {
  sequence: number;
  statesStores: string[];
  workerStores: string[];
}

/** Store-sync state of one worker service environment. */
class EnvironmentState {
  statesStores: StatesStoreDefinition[] = [];

  versionToken = versionTokenOf([]);

  localStores: LocalStoreDefinition[] = [];

  readonly forceChecks: QueuedForceCheck[] = [];

  nextSequence = 1;

  statuses: EnvironmentStoreStatuses | undefined;

  readonly storeWaiters = new Waiters();

  readonly forceCheckWaiters = new Waiters();

  readonly statusWaiters = new Waiters();
}

/** Settings of the store-sync service. */
export interface StoreSyncSettings {
  pollHoldMs: number;
  logger: StatesLocalLogger;
}

/**
 * The beVault States side of store synchronization: the store definitions
 * it publishes per environment, the force-check requests it queues and the
 * statuses workers post.
 */
export class StoreSyncService {
  private readonly environments = new Map<string, EnvironmentState>();

  constructor(private readonly settings: StoreSyncSettings) {}

  /** Replaces the stores published to an environment and wakes its waiting workers; returns the new version token. */
  setStatesStores(environmentName: string, stores: StatesStoreDefinition[]): string {
    const environment = this.environment(environmentName);

    environment.statesStores = stores.map((store) => ({ ...store }));
    environment.versionToken = versionTokenOf(environment.statesStores);
    environment.storeWaiters.wakeAll();
    this.settings.logger.info('States stores published', { environmentName, storeCount: stores.length });

    return environment.versionToken;
  }

  /** Queues a force-check request and wakes the environment's waiting workers. */
  requestForceCheck(environmentName: string, request: ForceCheckRequest): void {
    const environment = this.environment(environmentName);

    environment.forceChecks.push({
      sequence: environment.nextSequence++,
      statesStores: [...(request.statesStores ?? [])],
      workerStores: [...(request.workerStores ?? [])],
    });
    environment.forceCheckWaiters.wakeAll();
  }

  /** Returns the statuses last posted for an environment, if any. */
  statuses(environmentName: string): EnvironmentStoreStatuses | undefined {
    return this.environments.get(environmentName)?.statuses;
  }

  /** Returns the local stores a worker last reported for an environment. */
  localStores(environmentName: string): LocalStoreDefinition[] {
    return this.environments.get(environmentName)?.localStores ?? [];
  }

  /**
   * Waits until the posted statuses of an environment satisfy `predicate`.
   *
   * @throws Error after `timeoutMs` milliseconds without such a post.
   */
  async waitForStatuses(
    environmentName: string,
    predicate: (statuses: EnvironmentStoreStatuses) => boolean,
    timeoutMs: number,
  ): Promise<EnvironmentStoreStatuses> {
    const environment = this.environment(environmentName);
    const deadline = Date.now() + timeoutMs;

    while (environment.statuses === undefined || !predicate(environment.statuses)) {
      const remainingMs = deadline - Date.now();

      if (remainingMs <= 0) {
        throw new Error(`No store status matching the condition was posted for environment '${environmentName}' within ${timeoutMs} ms.`);
      }

      await environment.statusWaiters.wait(remainingMs, () => undefined);
    }

    return environment.statuses;
  }

  /**
   * Handles DfaktoStatesSyncStores: records the worker's local stores, and
   * returns the published stores at once when the worker's version token is
   * stale, or after a change or the hold time otherwise.
   */
  async syncStores(
    environmentName: string,
    clientVersionToken: string | undefined,
    localStores: LocalStoreDefinition[],
    onClientClose: (listener: () => void) => void,
  ): Promise<{ statesStoresVersionToken: string; statesStores?: StatesStoreDefinition[] }> {
    const environment = this.environment(environmentName);
    environment.localStores = localStores;

    if (clientVersionToken === environment.versionToken) {
      await environment.storeWaiters.wait(this.settings.pollHoldMs, onClientClose);
    }

    if (clientVersionToken === environment.versionToken) {
      // Nothing changed during the hold: the worker keeps its token and stores.
      return { statesStoresVersionToken: environment.versionToken };
    }

    return { statesStoresVersionToken: environment.versionToken, statesStores: environment.statesStores };
  }

  /**
   * Handles DfaktoStatesGetStoreForceCheckRequests: returns the requests
   * queued after `continuationToken`, waiting up to the hold time for one.
   * Returns undefined when none arrived.
   */
  async forceCheckRequests(
    environmentName: string,
    continuationToken: string | undefined,
    onClientClose: (listener: () => void) => void,
  ): Promise<{ continuationToken: string; statesStoreUpdateRequests: Array<{ storeName: string }>; workerStoreUpdateRequests: Array<{ storeName: string }> } | undefined> {
    const environment = this.environment(environmentName);
    const after = parseContinuationToken(continuationToken);
    const newer = () => environment.forceChecks.filter((request) => request.sequence > after);

    if (newer().length === 0) {
      await environment.forceCheckWaiters.wait(this.settings.pollHoldMs, onClientClose);
    }

    const requests = newer();

    if (requests.length === 0) {
      return undefined;
    }

    return {
      continuationToken: String(requests[requests.length - 1].sequence),
      statesStoreUpdateRequests: requests.flatMap((request) => request.statesStores.map((storeName) => ({ storeName }))),
      workerStoreUpdateRequests: requests.flatMap((request) => request.workerStores.map((storeName) => ({ storeName }))),
    };
  }

  /** Handles DfaktoStatesPostStoreStatus: merges the posted statuses by store name. */
  postStatuses(environmentName: string, statesStoreStatus: StoreStatus[], localStoreStatus: StoreStatus[]): void {
    const environment = this.environment(environmentName);
    const previous = environment.statuses;

    environment.statuses = {
      statesStoreStatus: mergeByName(previous?.statesStoreStatus ?? [], statesStoreStatus),
      localStoreStatus: mergeByName(previous?.localStoreStatus ?? [], localStoreStatus),
      receivedAt: new Date(),
    };
    environment.statusWaiters.wakeAll();
  }

  /** Ends every held long poll. */
  shutdown(): void {
    for (const environment of this.environments.values()) {
      environment.storeWaiters.releaseAll();
      environment.forceCheckWaiters.releaseAll();
      environment.statusWaiters.releaseAll();
    }
  }

  private environment(name: string): EnvironmentState {
    let environment = this.environments.get(name);

    if (environment === undefined) {
      environment = new EnvironmentState();
      this.environments.set(name, environment);
    }

    return environment;
  }
}

function versionTokenOf(stores: StatesStoreDefinition[]): string {
  return createHash('sha256').update(JSON.stringify(stores)).digest('hex');
}

/** Reads a continuation token; one this endpoint did not issue means "from the start". */
function parseContinuationToken(token: string | undefined): number {
  return token !== undefined && /^\d+$/.test(token) ? Number(token) : 0;
}

function mergeByName(previous: StoreStatus[], posted: StoreStatus[]): StoreStatus[] {
  const byName = new Map(previous.map((status) => [status.name, status]));

  for (const status of posted) {
    byName.set(status.name, { ...status });
  }

  return [...byName.values()];
}
