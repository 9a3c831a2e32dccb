import type { StoreSyncOperation } from './store-sync-wire';

/**
 * Thrown by the States store-sync client when a call fails: an HTTP error
 * status, a response that is not JSON, a timeout or a network error.
 *
 * @public
 */
export class StatesStoreRequestError extends Error {
  override readonly name = 'StatesStoreRequestError';

  /** The operation, such as `DfaktoStatesSyncStores`. */
  readonly operation: StoreSyncOperation;

  /** HTTP status of the response; undefined when none arrived. */
  readonly httpStatus: number | undefined;

  /**
   * The service's error code (`__type`), `HTTP<status>` when the response
   * names none, `RequestTimeout`, `InvalidResponse`, `Aborted`, or the Node.js
   * network error code (`ECONNREFUSED`).
   */
  readonly code: string;

  /** Whether no response arrived within the request timeout. */
  readonly timedOut: boolean;

  constructor(
    details: { operation: StoreSyncOperation; httpStatus?: number; code: string; timedOut?: boolean },
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.operation = details.operation;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.timedOut = details.timedOut ?? false;
  }
}
