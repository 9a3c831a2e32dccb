import type { StoreEntry } from './store-entry';
import type { StoreGeneration } from './store-generation';
import { StoreLookup } from './store-lookup';

/**
 * The stores of a registry as they were when the snapshot was taken. A task takes one when it
 * starts and releases it when it ends: stores replaced or removed in the meantime stay open for
 * it, and are closed once the last snapshot holding them is released.
 * @public
 */
export class StoreSnapshot extends StoreLookup {
  private released = false;

  /** @internal */
  constructor(
    private readonly generation: StoreGeneration,
    private readonly onRelease: (generation: StoreGeneration) => Promise<void>,
  ) {
    super();
    generation.snapshots += 1;
  }

  /** @internal */
  protected currentEntries(): ReadonlyMap<string, StoreEntry> {
    return this.generation.entries;
  }

  /**
   * Releases the snapshot; later lookups still work until the stores are closed. Idempotent.
   * Resolves once the stores that nothing uses any more are closed.
   */
  release(): Promise<void> {
    if (this.released) {
      return Promise.resolve();
    }
    this.released = true;
    this.generation.snapshots -= 1;
    return this.onRelease(this.generation);
  }
}
