import { StoreError } from './store-error';

/**
 * Thrown when a file token is malformed, names a store of another type, or has a path that
 * would leave the store's base (`..`, absolute, percent-encoded traversal).
 * @public
 */
export class InvalidFileTokenError extends StoreError {
  override name = 'InvalidFileTokenError';

  /** The token that was rejected. */
  readonly token: string;

  constructor(token: string, reason: string, options?: ErrorOptions) {
    super(`Invalid file token '${token}': ${reason}`, options);
    this.token = token;
  }
}
