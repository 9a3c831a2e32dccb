import type { StoreRegistry } from '@bevault-workers/stores';

import type { StatesStoreClient } from './states-store-client';
import { waitAtMost } from './wait-at-most';
import { readStoreStatuses, type StoreStatus } from './store-statuses';
import type { PostStoreStatusRequest, WireStoreStatus, WireStoreStatusValue } from './store-sync-wire';

/**
 * Options of a {@link StoreStatusReporter}.
 *
 * @internal
 */
export interface StoreStatusReporterOptions {
  readonly client: StatesStoreClient;
  readonly stores: StoreRegistry;
  readonly environmentName: string;
  /** Request timeout of a post, in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Longest wait for the first health checks before a post, in milliseconds. */
  readonly checkWaitMs: number;
}

/**
 * Posts the status of every store with DfaktoStatesPostStoreStatus: States
 * stores in `statesStoreStatus` under the name States gave them, the others
 * in `localStoreStatus`. Remembers each store's last `Success` or `Disabled`
 * date for `lastSuccessDate`.
 *
 * @internal
 */
export class StoreStatusReporter {
  private readonly lastSuccess = new Map<string, string>();

  constructor(private readonly options: StoreStatusReporterOptions) {}

  /**
   * Waits for the first health check of the stores that have had none yet,
   * at most `checkWaitMs`, then posts every status. A store whose first check
   * has not completed (health checks not started yet, a ping still running)
   * is left out of the post.
   */
  async post(signal: AbortSignal): Promise<void> {
    const { stores } = this.options;
    const unchecked = readStoreStatuses(stores).filter((status) => status.status === 'Unknown');

    if (unchecked.length > 0) {
      await waitAtMost(
        stores.checkHealth(unchecked.map((status) => status.registryName)),
        this.options.checkWaitMs,
        signal,
      );
    }

    const now = new Date();
    const statuses = readStoreStatuses(stores).flatMap((status) => (status.status === 'Unknown' ? [] : [this.toWire(status, status.status, now)]));
    const request: PostStoreStatusRequest = {
      environmentName: this.options.environmentName,
      statesStoreStatus: statuses.filter((status) => status.source === 'states').map((status) => status.wire),
      localStoreStatus: statuses.filter((status) => status.source === 'local').map((status) => status.wire),
    };

    await this.options.client.postStoreStatus(request, { timeoutMs: this.options.requestTimeoutMs, signal });
  }

  private toWire(status: StoreStatus, value: WireStoreStatusValue, now: Date): { source: StoreStatus['source']; wire: WireStoreStatus } {
    const key = `${status.source}:${status.name.toLowerCase()}`;
    const lastUpdateDate = formatDate(status.checkedAt ?? now);

    if (value !== 'Error') {
      this.lastSuccess.set(key, lastUpdateDate);
    }

    return {
      source: status.source,
      wire: {
        name: status.name,
        status: value,
        lastUpdateDate,
        lastSuccessDate: this.lastSuccess.get(key) ?? null,
        message: status.message ?? null,
      },
    };
  }
}

/** Formats a date in UTC to the second, as `bevault_workers` sends it: `2026-03-01T08:15:00+00:00`. */
function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}
