import { AsyncLocalStorage } from 'node:async_hooks';

import type { StoreLookup } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import type { StoreSource } from './store-source';

/**
 * Per-task view of the stores. A task runs inside {@link TaskStoreScope.run},
 * which takes a snapshot of the registry, so that stores replaced while the task
 * runs (new definitions from States) stay open for it until it ends. Injected
 * stores look their store up here at each use.
 *
 * @internal
 */
export class TaskStoreScope {
  private readonly storage = new AsyncLocalStorage<StoreLookup>();

  /**
   * Set once a live store is created. Until then tasks run outside
   * AsyncLocalStorage, because on Node 20 its first `run()` installs promise
   * hooks that slow every promise of the process, SDK calls included.
   */
  private tracksTasks = false;

  constructor(
    private readonly stores: StoreSource,
    private readonly logger: Logger,
  ) {}

  /**
   * Returns the running task's snapshot, or the registry outside tasks. Tasks
   * carry their snapshot only once {@link TaskStoreScope.liveLookup} was called.
   */
  current(): StoreLookup {
    return this.storage.getStore() ?? this.stores;
  }

  /** Returns the reader that live stores call at each use; from then on every task carries its snapshot. */
  liveLookup(): () => StoreLookup {
    this.tracksTasks = true;

    return () => this.current();
  }

  /** Runs `work` with a snapshot of the stores, released when `work` settles. */
  async run<T>(work: (stores: StoreLookup) => Promise<T>): Promise<T> {
    const snapshot = this.takeSnapshot();
    const lookup = snapshot ?? this.stores;

    try {
      return await (this.tracksTasks ? this.storage.run(lookup, () => work(lookup)) : work(lookup));
    } finally {
      snapshot?.release().catch((error: unknown) => this.logger.warn('Store snapshot release failed', { error }));
    }
  }

  private takeSnapshot(): ReturnType<NonNullable<StoreSource['snapshot']>> | undefined {
    if (this.stores.snapshot === undefined) {
      return undefined;
    }

    try {
      return this.stores.snapshot();
    } catch (error) {
      // A closed registry cannot take snapshots; lookups then report the closed stores themselves.
      this.logger.debug('Store snapshot unavailable', { error });
      return undefined;
    }
  }
}
