/** Where a store definition comes from. @public */
export type StoreSource = 'local' | 'states';

/**
 * A named store as configured: the type selects the implementation and `config` holds its
 * settings. Built from `config.json`, `STORE_CONFIG` or States by {@link normalizeStoreDefinition}.
 * @public
 */
export interface StoreDefinition {
  /** Store name, matched case-insensitively. */
  readonly name: string;

  /** Store type (`postgresql`, `sftp`, a custom type...), matched case-insensitively. */
  readonly type: string;

  /** Type-specific settings. Prints redacted (see `protectConfig`). */
  readonly config: Record<string, unknown>;

  /**
   * Whether the store is pinged on an interval.
   * @defaultValue false
   */
  readonly healthCheck: boolean;

  /**
   * Seconds between two health checks.
   * @defaultValue 60
   */
  readonly healthCheckDelaySeconds: number;

  /**
   * Whether the definition is marked deleted (`Status: "deleted"`); a deleted store is not built.
   * @defaultValue false
   */
  readonly deleted: boolean;

  /** Whether the definition came from a local file or variable, or from States. */
  readonly source: StoreSource;

  /**
   * Set when the entry was read but is invalid (no type, a `Config` string that is not JSON):
   * the registry then reports the store as unavailable with this reason.
   */
  readonly invalidReason?: string;
}

/** Interval between health checks when a definition sets none, in seconds. @public */
export const DEFAULT_HEALTH_CHECK_DELAY_SECONDS = 60;
