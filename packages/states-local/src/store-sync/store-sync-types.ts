/**
 * A store that States publishes to the workers of an environment, as
 * DfaktoStatesSyncStores returns it.
 *
 * @public
 */
export interface StatesStoreDefinition {
  name: string;
  /** Store type, e.g. `postgresql`, `sftp`, `s3`. */
  type: string;
  enableHealthCheck?: boolean;
  /** Seconds between health checks of the store. */
  healthCheckDelaySeconds?: number | null;
  /** Connection settings: an object, or the same as JSON text. */
  config?: Record<string, unknown> | string;
}

/**
 * A store a worker declares in its own configuration, as it reports it in
 * DfaktoStatesSyncStores.
 *
 * @public
 */
export interface LocalStoreDefinition {
  name: string;
  type: string;
  enableHealthCheck?: boolean;
  healthCheckDelaySeconds?: number | null;
}

/**
 * The status of one store, as a worker posts it.
 *
 * @public
 */
export interface StoreStatus {
  name: string;
  /** e.g. `Success`, `Error`, `Disabled`. */
  status: string;
  lastUpdateDate?: string | null;
  lastSuccessDate?: string | null;
  message?: string | null;
}

/**
 * The last store statuses a worker posted for an environment.
 *
 * @public
 */
export interface EnvironmentStoreStatuses {
  /** Statuses of the stores States published, by store name. */
  statesStoreStatus: StoreStatus[];
  /** Statuses of the worker's own stores, by store name. */
  localStoreStatus: StoreStatus[];
  /** When the last DfaktoStatesPostStoreStatus arrived. */
  receivedAt: Date;
}

/**
 * Stores to check again, as `requestForceCheck` queues them.
 *
 * @public
 */
export interface ForceCheckRequest {
  /** Names of stores published by States. */
  statesStores?: string[];
  /** Names of stores from the worker's own configuration. */
  workerStores?: string[];
}
