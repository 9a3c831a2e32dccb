import type { RequestBody } from '../protocol/fields';

/** What a handler knows about the HTTP request it serves. */
export interface RequestContext {
  /** Value of the `x-amzn-RequestId` response header. */
  requestId: string;
  /** Registers a callback for a client that closes the connection before the response. */
  onClientClose(listener: () => void): void;
}

/** Handles one operation: returns the response body or throws a `ServiceError`. */
export type OperationHandler = (body: RequestBody, context: RequestContext) => object | Promise<object>;

/** Handlers by operation name, e.g. `GetActivityTask`. */
export type OperationTable = Record<string, OperationHandler>;

/**
 * Response without a body, e.g. HTTP 201 for the beVault store-sync
 * operations that have nothing to return.
 */
export class StatusOnlyResponse {
  constructor(readonly statusCode: number) {}
}
