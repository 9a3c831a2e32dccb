import { StoreError } from './store-error';

/**
 * Thrown when a store exists but is not of the requested kind (a database store where a file
 * store is expected, or the reverse).
 * @public
 */
export class StoreKindError extends StoreError {
  override name = 'StoreKindError';

  constructor(
    readonly storeName: string,
    readonly expectedKind: 'database' | 'file',
    readonly actualKind: string,
  ) {
    super(
      `Store '${storeName}' is a ${actualKind} store, but a ${expectedKind} store is required. ` +
        `Pass the name of a ${expectedKind} store.`,
    );
  }
}
