import { StoreError } from './store-error';

/**
 * Thrown when a store is defined but its definition could not be built (invalid configuration,
 * unknown type). The reason is the message of the error that prevented the build.
 * @public
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';

  /** Name of the store that could not be built. */
  readonly storeName: string;

  /** Why the definition could not be built. Never contains a secret. */
  readonly reason: string;

  constructor(storeName: string, reason: string, options?: ErrorOptions) {
    super(`Store '${storeName}' is unavailable: ${reason}`, options);
    this.storeName = storeName;
    this.reason = reason;
  }
}
