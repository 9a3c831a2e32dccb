import type { StoreLookup, StoreSnapshot } from '@bevault-workers/stores';

/**
 * The stores an application resolves names and file tokens against: a
 * `StoreRegistry` (which can also take per-task snapshots), or any other
 * `StoreLookup`.
 *
 * @public
 */
export type StoreSource = StoreLookup & { snapshot?(): StoreSnapshot };
