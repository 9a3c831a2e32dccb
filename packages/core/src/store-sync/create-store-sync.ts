import type { StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import { environmentVariables as names } from '../config/environment-variables';
import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { ConfigurationError } from '../errors/configuration-error';
import { StatesStoreClient, type StatesStoreClientOptions } from './states-store-client';
import { StoreSync, type StoreSyncOptions } from './store-sync';

/**
 * Inputs of {@link createStoreSync} besides the configuration.
 *
 * @internal
 */
export interface CreateStoreSyncOptions {
  readonly config: WorkerRuntimeConfig;
  readonly stores: StoreRegistry;
  readonly logger: Logger;
  /** Credentials provider of the Step Functions client. */
  readonly credentials: StatesStoreClientOptions['credentials'];
  readonly onFailure?: StoreSyncOptions['onFailure'];
}

/**
 * Creates the store synchronization when `stepFunctions__enableStatesStoreSync`
 * is on, else returns undefined. It talks to `stepFunctions__statesStoreBaseUrl`,
 * or else the service URL, signing with the Step Functions client's credentials.
 *
 * @throws ConfigurationError when store sync is on and
 *   `stepFunctions__EnvironmentName` is empty: States files stores and their
 *   statuses under that worker service environment.
 * @internal
 */
export function createStoreSync(options: CreateStoreSyncOptions): StoreSync | undefined {
  const { config } = options;
  const settings = config.storeSync;

  if (!settings.enabled) {
    return undefined;
  }

  if (config.environmentName === '') {
    throw new ConfigurationError(
      names.environmentName,
      `Store sync is on (${names.enableStatesStoreSync}) but ${names.environmentName} is empty. ` +
        'Set it to the worker service environment defined in States, or turn store sync off.',
    );
  }

  // The config loader rejects store sync without a URL; this guards code that builds the config by hand.
  const baseUrl = settings.baseUrl ?? config.serviceUrl;
  if (baseUrl === undefined) {
    throw new ConfigurationError(names.statesStoreBaseUrl, `Store sync is on but neither ${names.statesStoreBaseUrl} nor ${names.serviceUrl} is set.`);
  }

  return new StoreSync({
    client: new StatesStoreClient({ baseUrl, region: config.region, credentials: options.credentials }),
    stores: options.stores,
    environmentName: config.environmentName,
    pollTimeoutMs: settings.pollTimeoutMs,
    statusHeartbeatMs: settings.statusHeartbeatMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    logger: options.logger,
    onFailure: options.onFailure,
  });
}
