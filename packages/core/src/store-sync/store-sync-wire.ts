/**
 * Request and response bodies of the store-sync extension that beVault States
 * (3.10 and later) adds to the Step Functions API, with the field names the
 * Python library `bevault_workers` 0.3 sends and reads.
 */

/** Operations of the extension, sent as `X-Amz-Target: AWSStepFunctions.<operation>`. @internal */
export const StoreSyncOperations = {
  syncStores: 'DfaktoStatesSyncStores',
  forceCheckRequests: 'DfaktoStatesGetStoreForceCheckRequests',
  postStoreStatus: 'DfaktoStatesPostStoreStatus',
} as const;

/** @internal */
export type StoreSyncOperation = (typeof StoreSyncOperations)[keyof typeof StoreSyncOperations];

/** Value of the `X-Amz-Api-Version` header of every extension call. @internal */
export const STORE_SYNC_API_VERSION = '2016-11-23';

/** A store of the worker's own configuration, as DfaktoStatesSyncStores reports it. @internal */
export interface WireLocalStore {
  readonly name: string;
  readonly type: string;
  readonly enableHealthCheck: boolean;
  /** Seconds between two health checks. */
  readonly healthCheckDelaySeconds: number;
}

/** @internal */
export interface SyncStoresRequest {
  readonly workerServiceEnvironmentName: string;
  /** Version token of the worker's States stores; null before the first response. */
  readonly statesStoresVersionToken: string | null;
  readonly localStoresVersionToken: string;
  readonly localStores: readonly WireLocalStore[];
}

/**
 * A store States publishes. Fields are typed `unknown` because they come from
 * the network; the merge checks them.
 *
 * @internal
 */
export interface WireStatesStore {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly enableHealthCheck?: unknown;
  readonly healthCheckDelaySeconds?: unknown;
  /** Connection settings: an object, or the same as JSON text. */
  readonly config?: unknown;
}

/** Without `statesStores`, the worker's stores are current. @internal */
export interface SyncStoresResponse {
  readonly statesStoresVersionToken?: unknown;
  readonly statesStores?: unknown;
}

/** @internal */
export interface ForceCheckRequestsRequest {
  /** Token of the last requests received; null for every queued request. */
  readonly continuationToken: string | null;
  readonly environmentName: string;
}

/** States returns HTTP 201 without a body when no request arrived during its hold. @internal */
export interface ForceCheckRequestsResponse {
  readonly continuationToken?: unknown;
  readonly statesStoreUpdateRequests?: unknown;
  readonly workerStoreUpdateRequests?: unknown;
}

/** Store status values States displays. @internal */
export type WireStoreStatusValue = 'Success' | 'Error' | 'Disabled';

/** @internal */
export interface WireStoreStatus {
  /** Store name as States or the local configuration defines it (without the `states::` prefix). */
  readonly name: string;
  readonly status: WireStoreStatusValue;
  /** ISO 8601 date of this status, in UTC. */
  readonly lastUpdateDate: string;
  /** ISO 8601 date of the last `Success` or `Disabled` status, in UTC; null before the first. */
  readonly lastSuccessDate: string | null;
  /** Reason for an `Error` status; null otherwise. */
  readonly message: string | null;
}

/** @internal */
export interface PostStoreStatusRequest {
  readonly environmentName: string;
  readonly statesStoreStatus: readonly WireStoreStatus[];
  readonly localStoreStatus: readonly WireStoreStatus[];
}
