import { StoreError } from './store-error';

/**
 * Thrown when a store's server or driver fails an operation (connection refused, authentication
 * failed, query failed). The driver's error is the `cause`.
 * @public
 */
export class StoreOperationError extends StoreError {
  override name = 'StoreOperationError';

  constructor(
    readonly storeName: string,
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    const detail = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`Store '${storeName}' failed to ${operation}${detail}`, options);
  }
}
