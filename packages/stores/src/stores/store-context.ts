import type { StoreDefinition } from '../config/store-definition';
import type { StoreLogger } from '../logging/store-logger';

/**
 * What a store type's factory or constructor receives to build a store.
 * @public
 */
export interface StoreContext {
  /** Store name from the definition. */
  readonly name: string;

  /** Canonical name of the store type, as registered. */
  readonly type: string;

  /** The definition's `Config`. Read it with `StoreConfigReader` for case-insensitive keys. */
  readonly config: Record<string, unknown>;

  /** Logger for the store, with no store fields preset. */
  readonly logger: StoreLogger;

  /** The whole definition. */
  readonly definition: StoreDefinition;
}
