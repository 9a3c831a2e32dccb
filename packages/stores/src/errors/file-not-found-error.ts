import { StoreError } from './store-error';

/**
 * Thrown when a file store operation needs a file that does not exist.
 * @public
 */
export class StoreFileNotFoundError extends StoreError {
  override name = 'StoreFileNotFoundError';

  constructor(
    readonly storeName: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(`File '${path}' not found in store '${storeName}'.`, options);
  }
}
