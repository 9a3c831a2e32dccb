import type { StoreDefinition, StoreRegistry } from '@bevault-workers/stores';
import type { Logger } from 'winston';

import type { WorkerConfigOptions } from '../config/worker-config-options';
import type { Provider } from '../container/provider';
import type { Constructor } from '../workers/constructor';

/**
 * Options of `WorkerApplication.create()`.
 *
 * @public
 */
export interface WorkerApplicationOptions {
  /** Worker classes decorated with `@Worker`. Combined with `workersFrom` when both are given. */
  readonly workers?: readonly Constructor[];

  /**
   * A folder (every module in it is loaded) or an already imported module
   * object whose exported `@Worker` classes are registered, like the Python
   * library's `workers_module`.
   */
  readonly workersFrom?: string | object;

  /** Classes and tokens the workers' constructors need. @defaultValue [] */
  readonly providers?: readonly Provider[];

  /** Settings that override the environment and `.env`. */
  readonly config?: WorkerConfigOptions;

  /**
   * Environment variables to read the configuration from.
   * @defaultValue `process.env`
   */
  readonly env?: NodeJS.ProcessEnv;

  /**
   * `.env` file to read, or `false` for none.
   * @defaultValue `.env` in the working directory, when it exists
   */
  readonly envFile?: string | false;

  /**
   * The stores: a registry the caller owns (it is not closed by the
   * application), or definitions from which the application builds and later
   * closes its own registry.
   * @defaultValue a registry from `STORE_CONFIG` or the store definitions file
   */
  readonly stores?: StoreRegistry | readonly StoreDefinition[];

  /**
   * Logger of the application and its tasks.
   * @defaultValue a logger built from the configuration (`logging_config.json`, `LOG_LEVEL`, `LOG_FORMAT`)
   */
  readonly logger?: Logger;

  /**
   * Whether the application owns the process: SIGINT and SIGTERM start a
   * graceful shutdown and a second one stops at once, and an uncaught
   * exception or unhandled rejection starts a graceful shutdown after which
   * the process exits with code 1.
   * @defaultValue true
   */
  readonly handleSignals?: boolean;
}
