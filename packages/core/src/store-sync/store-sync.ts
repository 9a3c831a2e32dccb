import type { StoreDefinition, StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import { Backoff } from '../polling/backoff';
import { DefinitionsSync } from './definitions-sync';
import { ForceChecks } from './force-checks';
import type { StatesStoreClient } from './states-store-client';
import { StoreStatusReporter } from './store-status-reporter';
import { runStoreSyncLoop, type StoreSyncLoopOptions } from './store-sync-loop';
import { StoreSyncOperations, type StoreSyncOperation } from './store-sync-wire';
import { waitAtMost } from './wait-at-most';
import { Wakeup } from './wakeup';

/**
 * Options of a {@link StoreSync}.
 *
 * @internal
 */
export interface StoreSyncOptions {
  readonly client: StatesStoreClient;
  readonly stores: StoreRegistry;
  /** Name of the worker service environment in States (`stepFunctions__EnvironmentName`). */
  readonly environmentName: string;
  /** Request timeout of the two long polls, in milliseconds. */
  readonly pollTimeoutMs: number;
  /** Interval between two status posts, in milliseconds. */
  readonly statusHeartbeatMs: number;
  /** Request timeout of a status post, in milliseconds. */
  readonly requestTimeoutMs: number;
  readonly logger: Logger;
  /** Pause after failed calls. @default base 1 s, cap 30 s */
  readonly backoff?: Backoff;
  /** Minimum time between the starts of two long polls of one loop, in milliseconds. @default 1000 */
  readonly minPollCycleMs?: number;
  /** Called for every failed call, for metrics. */
  readonly onFailure?: (operation: StoreSyncOperation, errorCode: string) => void;
}

/**
 * Store synchronization with beVault States (3.10 and later), in three loops:
 *
 * - definitions: the DfaktoStatesSyncStores long poll, which applies the
 *   States stores to the registry, merged with the local ones;
 * - force checks: the DfaktoStatesGetStoreForceCheckRequests long poll, which
 *   runs the requested health checks now and posts the statuses;
 * - statuses: a DfaktoStatesPostStoreStatus of every store each
 *   `statusHeartbeatMs`, and soon after new definitions. The health checks
 *   themselves run in the registry, each on its store's interval.
 *
 * @internal
 */
export class StoreSync {
  private readonly stop = new AbortController();
  private readonly statusWakeup = new Wakeup();
  private readonly reporter: StoreStatusReporter;
  private readonly definitions: DefinitionsSync;
  private readonly forceChecks: ForceChecks;
  private readonly backoff: Backoff;
  private readonly loops: Promise<void>[] = [];
  private readonly firstSync: Promise<void>;
  private markFirstSync!: () => void;
  private started = false;
  private statusLoopStarted = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: StoreSyncOptions) {
    const { client, stores, environmentName, logger } = options;
    const localDefinitions = localDefinitionsOf(stores);

    this.backoff = options.backoff ?? new Backoff({ baseMs: 1_000, maxMs: 30_000 });
    this.firstSync = new Promise((resolve) => (this.markFirstSync = resolve));
    this.reporter = new StoreStatusReporter({
      client,
      stores,
      environmentName,
      requestTimeoutMs: options.requestTimeoutMs,
      checkWaitMs: options.statusHeartbeatMs,
    });
    this.definitions = new DefinitionsSync({
      client,
      stores,
      localDefinitions,
      environmentName,
      pollTimeoutMs: options.pollTimeoutMs,
      logger,
      onApplied: () => this.statusWakeup.wake(),
    });
    this.forceChecks = new ForceChecks({
      client,
      stores,
      reporter: this.reporter,
      environmentName,
      pollTimeoutMs: options.pollTimeoutMs,
      checkWaitMs: options.statusHeartbeatMs,
      logger,
    });
  }

  /** Version token of the States stores applied last; undefined before the first response. */
  get statesStoresVersionToken(): string | undefined {
    return this.definitions.statesStoresVersionToken;
  }

  /** Starts the definitions and force-check long polls. Idempotent. */
  start(): void {
    if (this.started || this.stop.signal.aborted) {
      return;
    }
    this.started = true;

    this.options.logger.info('Store sync started', { environmentName: this.options.environmentName, pollTimeoutMs: this.options.pollTimeoutMs });
    this.loops.push(
      runStoreSyncLoop({
        ...this.loopOptions(StoreSyncOperations.syncStores, true),
        iteration: (signal) => this.definitions.syncOnce(signal),
        onFirstIteration: () => this.markFirstSync(),
      }),
      runStoreSyncLoop({ ...this.loopOptions(StoreSyncOperations.forceCheckRequests, true), iteration: (signal) => this.forceChecks.checkOnce(signal) }),
    );
  }

  /** Starts posting statuses; call it once the registry runs its health checks. Idempotent. */
  startStatusReports(): void {
    if (this.statusLoopStarted || this.stop.signal.aborted) {
      return;
    }
    this.statusLoopStarted = true;

    this.loops.push(
      runStoreSyncLoop({
        ...this.loopOptions(StoreSyncOperations.postStoreStatus, false),
        minCycleMs: 0,
        iteration: (signal) => this.reporter.post(signal),
        idle: (signal) => this.statusWakeup.wait(this.options.statusHeartbeatMs, signal),
      }),
    );
  }

  /**
   * Resolves once the first DfaktoStatesSyncStores call ended, applied or
   * failed, or after `timeoutMs` milliseconds, or when stopping. Never rejects.
   */
  waitForFirstSync(timeoutMs: number): Promise<void> {
    return waitAtMost(this.firstSync, timeoutMs, this.stop.signal);
  }

  /**
   * Stops the three loops, aborting the calls in flight (long polls included),
   * and closes the client's sockets. Repeated calls share one stop.
   */
  close(): Promise<void> {
    this.stopping ??= this.closeLoops();
    return this.stopping;
  }

  private async closeLoops(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.loops);
    this.options.client.destroy();

    if (this.started) {
      this.options.logger.info('Store sync stopped', { environmentName: this.options.environmentName });
    }
  }

  private loopOptions(operation: StoreSyncOperation, longPoll: boolean): Omit<StoreSyncLoopOptions, 'iteration'> {
    return {
      operation,
      signal: this.stop.signal,
      logger: this.options.logger,
      backoff: this.backoff,
      longPoll,
      minCycleMs: this.options.minPollCycleMs ?? 1_000,
      logFields: { environmentName: this.options.environmentName },
      onFailure: this.options.onFailure,
    };
  }
}

/** Returns the registry's local definitions, which every merge starts from. */
function localDefinitionsOf(stores: StoreRegistry): StoreDefinition[] {
  return stores.names().flatMap((name) => {
    const definition = stores.definition(name);
    return definition?.source === 'local' ? [definition] : [];
  });
}
