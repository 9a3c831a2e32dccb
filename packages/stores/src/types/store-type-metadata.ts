import type { Store } from '../stores/store';
import type { StoreContext } from '../stores/store-context';

/** A function that builds a store from its context. @public */
export type StoreFactory = (context: StoreContext) => Store;

/** A store class, constructed with its context. @public */
export type StoreClass = new (context: StoreContext) => Store;

/** Options of a store type registration. @public */
export interface StoreTypeOptions {
  /** Other type names that select this type, matched case-insensitively (`postgres` for `postgresql`). */
  aliases?: readonly string[];
}

/** Type name and options recorded by `@StoreType`. @internal */
export interface StoreTypeMetadata {
  readonly typeName: string;
  readonly options: StoreTypeOptions;
}

const metadataByClass = new WeakMap<object, StoreTypeMetadata>();

/** Records the metadata of a decorated class. @internal */
export function setStoreTypeMetadata(target: object, metadata: StoreTypeMetadata): void {
  metadataByClass.set(target, metadata);
}

/**
 * Returns the type name and options that `@StoreType` recorded on a class, or `undefined`.
 * @public
 */
export function getStoreTypeMetadata(target: object): StoreTypeMetadata | undefined {
  return metadataByClass.get(target);
}
