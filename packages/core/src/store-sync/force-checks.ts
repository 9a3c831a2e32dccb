import type { StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import { registryNameOf } from './merge-store-definitions';
import type { StatesStoreClient } from './states-store-client';
import type { StoreStatusReporter } from './store-status-reporter';
import { waitAtMost } from './wait-at-most';

/**
 * Options of a {@link ForceChecks}.
 *
 * @internal
 */
export interface ForceChecksOptions {
  readonly client: StatesStoreClient;
  readonly stores: StoreRegistry;
  readonly reporter: StoreStatusReporter;
  readonly environmentName: string;
  /** Request timeout of the long poll, in milliseconds. */
  readonly pollTimeoutMs: number;
  /** Longest wait for the requested health checks before the post, in milliseconds. */
  readonly checkWaitMs: number;
  readonly logger: Logger;
}

/**
 * One DfaktoStatesGetStoreForceCheckRequests long poll at a time: when an
 * operator asks States to check stores again, runs their health checks now
 * and posts the statuses. A store whose definition disables health checks
 * is not pinged and stays `Disabled`.
 *
 * @internal
 */
export class ForceChecks {
  private continuationToken: string | undefined;

  constructor(private readonly options: ForceChecksOptions) {}

  async checkOnce(signal: AbortSignal): Promise<void> {
    const { client, environmentName, logger } = this.options;
    const response = await client.getForceCheckRequests(
      { continuationToken: this.continuationToken ?? null, environmentName },
      { timeoutMs: this.options.pollTimeoutMs, signal },
    );

    // HTTP 201: no request arrived during the hold.
    if (response === undefined) {
      return;
    }

    const requested = [
      ...storeNames(response.statesStoreUpdateRequests).map((name) => ({ source: 'states' as const, name })),
      ...storeNames(response.workerStoreUpdateRequests).map((name) => ({ source: 'local' as const, name })),
    ];
    const registryNames: string[] = [];

    for (const request of requested) {
      const registryName = registryNameOf(request, this.options.stores);
      if (registryName === undefined) {
        logger.warn('Force check requested for an unknown store', { store: request.name, source: request.source, environmentName });
      } else {
        registryNames.push(registryName);
      }
    }

    logger.info('Store force check requested', { stores: registryNames, environmentName });
    // A ping that hangs must neither stop the post nor hold a shutdown.
    await waitAtMost(this.options.stores.checkHealth(registryNames), this.options.checkWaitMs, signal);
    await this.options.reporter.post(signal);

    // The token moves on only after the post, so after a failure States sends the same requests again.
    this.continuationToken = typeof response.continuationToken === 'string' ? response.continuationToken : this.continuationToken;
  }
}

function storeNames(requests: unknown): string[] {
  if (!Array.isArray(requests)) {
    return [];
  }

  return requests.flatMap((request: unknown) => {
    const storeName = typeof request === 'object' && request !== null ? (request as { storeName?: unknown }).storeName : undefined;
    return typeof storeName === 'string' && storeName !== '' ? [storeName] : [];
  });
}
