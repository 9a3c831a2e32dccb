import type { StoreDefinition, StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import { localStoresPayload, localStoresVersionToken } from './local-stores';
import { mergeStoreDefinitions } from './merge-store-definitions';
import type { StatesStoreClient } from './states-store-client';

/**
 * Options of a {@link DefinitionsSync}.
 *
 * @internal
 */
export interface DefinitionsSyncOptions {
  readonly client: StatesStoreClient;
  readonly stores: StoreRegistry;
  /** The worker's own definitions; they win over States ones of the same name. */
  readonly localDefinitions: readonly StoreDefinition[];
  readonly environmentName: string;
  /** Request timeout of the long poll, in milliseconds. */
  readonly pollTimeoutMs: number;
  readonly logger: Logger;
  /** Called after new definitions were applied. */
  readonly onApplied: () => void;
}

/**
 * One DfaktoStatesSyncStores long poll at a time: reports the local stores
 * with their version token and the version token of the States stores
 * last applied; when States responds with stores, merges them with the local
 * ones and applies the result to the registry. Stores that did not change
 * are kept; running tasks keep the instances of their snapshot.
 *
 * @internal
 */
export class DefinitionsSync {
  private versionToken: string | undefined;

  constructor(private readonly options: DefinitionsSyncOptions) {}

  /** Version token of the States stores applied last; undefined before the first response. */
  get statesStoresVersionToken(): string | undefined {
    return this.versionToken;
  }

  async syncOnce(signal: AbortSignal): Promise<void> {
    const { client, environmentName } = this.options;
    const localStores = localStoresPayload(this.options.localDefinitions);

    const response = await client.syncStores(
      {
        workerServiceEnvironmentName: environmentName,
        statesStoresVersionToken: this.versionToken ?? null,
        localStoresVersionToken: localStoresVersionToken(localStores),
        localStores,
      },
      { timeoutMs: this.options.pollTimeoutMs, signal },
    );

    const token = typeof response.statesStoresVersionToken === 'string' ? response.statesStoresVersionToken : undefined;

    // A response without stores only confirms the token, because nothing changed during the hold.
    if (Array.isArray(response.statesStores)) {
      await this.apply(response.statesStores);
    }

    this.versionToken = token ?? this.versionToken;
  }

  private async apply(statesStores: readonly unknown[]): Promise<void> {
    const { stores, logger } = this.options;
    const definitions = mergeStoreDefinitions(this.options.localDefinitions, statesStores, logger);
    const changes = await stores.applyDefinitions(definitions);

    logger.info('States stores applied', {
      environmentName: this.options.environmentName,
      statesStores: statesStores.length,
      added: changes.added,
      replaced: changes.replaced,
      removed: changes.removed,
    });
    this.options.onApplied();
  }
}
