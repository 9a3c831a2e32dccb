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
    const detail = options?.cause instanceof Error ? `: ${truncate(options.cause.message)}` : '';
    super(`Store '${storeName}' failed to ${operation}${detail}`, options);
  }
}

/** Longest driver message copied into the error message, in characters; the cause keeps it whole. */
const MAX_DETAIL_LENGTH = 500;

function truncate(message: string): string {
  return message.length <= MAX_DETAIL_LENGTH ? message : `${message.slice(0, MAX_DETAIL_LENGTH)}…`;
}
