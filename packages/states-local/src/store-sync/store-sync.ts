import type { StoreSyncService } from './store-sync-service';
import type {
  EnvironmentStoreStatuses,
  ForceCheckRequest,
  LocalStoreDefinition,
  StatesStoreDefinition,
} from './store-sync-types';

/**
 * In-process control of the beVault store-sync extension, playing the
 * part of beVault States: publish store definitions to an environment,
 * request force checks, and read the statuses workers post.
 *
 * @public
 */
export class StoreSync {
  /** @internal */
  constructor(private readonly service: StoreSyncService) {}

  /**
   * Publishes the stores of an environment, replacing the previous list.
   * Workers holding a DfaktoStatesSyncStores poll get them at once.
   *
   * @returns The new `statesStoresVersionToken`.
   */
  setStatesStores(environmentName: string, stores: StatesStoreDefinition[]): string {
    return this.service.setStatesStores(environmentName, stores);
  }

  /**
   * Queues a request to check stores again now. Workers get it from
   * DfaktoStatesGetStoreForceCheckRequests and respond with a status post.
   */
  requestForceCheck(environmentName: string, request: ForceCheckRequest): void {
    this.service.requestForceCheck(environmentName, request);
  }

  /** Returns the statuses posted for an environment, merged by store name, or undefined before the first post. */
  statuses(environmentName: string): EnvironmentStoreStatuses | undefined {
    return this.service.statuses(environmentName);
  }

  /** Returns the local stores a worker last reported for an environment. */
  localStores(environmentName: string): LocalStoreDefinition[] {
    return this.service.localStores(environmentName);
  }

  /**
   * Waits for posted statuses that satisfy `predicate`.
   *
   * @param predicate - Condition on the merged statuses. @default any post
   * @param timeoutMs - How long to wait, in milliseconds. @default 10000
   * @throws Error when no matching post arrives in time.
   */
  waitForStatuses(
    environmentName: string,
    predicate: (statuses: EnvironmentStoreStatuses) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<EnvironmentStoreStatuses> {
    return this.service.waitForStatuses(environmentName, predicate, timeoutMs);
  }
}
