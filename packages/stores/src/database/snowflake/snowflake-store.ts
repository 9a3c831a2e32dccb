import type { Knex } from 'knex';
import type { ConnectionOptions } from 'snowflake-sdk';

import type { StoreContext } from '../../stores/store-context';
import { KnexDbStore } from '../knex-db-store';
import { createSnowflakeKnexClient } from './snowflake-knex-client';
import { readSnowflakeOptions } from './snowflake-options';

/**
 * Snowflake database on knex and snowflake-sdk (type `snowflake`). snowflake-sdk is loaded on
 * first use, so it costs nothing to workers without a Snowflake store.
 *
 * Config: `ConnectionString` (alias `conninfo`), a `snowflake://` URL, wins when non-empty;
 * otherwise `Username` (aliases `User`, `UserId`), `Password`, `Database` (alias `DbName`), one of
 * `Host` or `Account` (alias `AccountIdentifier`), `Port` (443 with `Host`), `Warehouse`,
 * `Schema`, `Role`, `LoginRetries` (the SDK's default when unset), and the pool keys of every
 * database store. Bindings use `?` placeholders.
 * @public
 */
export class SnowflakeStore extends KnexDbStore {
  /** Connection options given to snowflake-sdk. Prints redacted with the store. */
  private readonly options: ConnectionOptions;

  constructor(context: StoreContext) {
    super(context);
    const loginRetries = this.settings.integer(['loginRetries', 'sfRetryMaxLoginRetries'], { min: 0, max: 100 });
    this.options = {
      ...readSnowflakeOptions(this.settings),
      application: 'bevault-workers',
      ...(loginRetries === undefined ? {} : { sfRetryMaxLoginRetries: loginRetries }),
    };
    // Bound values per multi-row insert, kept well under Snowflake's statement size limit.
    this.maxBindingsPerStatement = 16_000;
  }

  protected createKnexConfig(): Knex.Config {
    const pool = this.readPoolSettings();
    return {
      client: createSnowflakeKnexClient() as unknown as typeof Knex.Client,
      connection: { ...this.options } as Knex.StaticConnectionConfig,
      pool: { min: pool.min, max: pool.max },
      acquireConnectionTimeout: pool.acquireTimeoutMs,
    };
  }

  protected rowsOf(result: unknown): unknown[] {
    return (result as { rows?: unknown[] } | undefined)?.rows ?? [];
  }

  protected affectedRowsOf(result: unknown): number {
    const response = result as { rowCount?: number; command?: string } | undefined;
    return response?.command === 'SELECT' ? 0 : (response?.rowCount ?? 0);
  }
}
