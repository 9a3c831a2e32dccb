import { StoreError } from './store-error';

/**
 * Thrown when a write operation is called on a read-only file store.
 * @public
 */
export class ReadOnlyStoreError extends StoreError {
  override name = 'ReadOnlyStoreError';

  constructor(
    readonly storeName: string,
    readonly operation: string,
  ) {
    super(`Store '${storeName}' is read-only: ${operation} is not supported.`);
  }
}
