import type { StoreEntry } from './store-entry';

/**
 * The set of entries a registry serves at one time. Applying new definitions makes a new
 * generation; the old one stays alive while snapshots taken from it are unreleased.
 * @internal
 */
export class StoreGeneration {
  /** Number of unreleased snapshots taken from this generation. */
  snapshots = 0;

  /** Whether the registry serves this generation. */
  current = true;

  /** Whether the generation released its entries. */
  released = false;

  constructor(readonly entries: ReadonlyMap<string, StoreEntry>) {}

  /** Whether nothing uses this generation any more. */
  get unused(): boolean {
    return !this.current && this.snapshots === 0;
  }
}
