import type { LogFormat, LogLevel } from '../logging/log-level';

/**
 * Runtime settings a program passes to `WorkerApplication.create()`. Each one
 * set here overrides its environment variable, which overrides the `.env`
 * file, which overrides the default. Durations are in seconds, like the
 * environment variables, from 0.001 (or 0 for `shutdownGraceSeconds`) to
 * 2147483, the longest Node.js timer.
 *
 * @public
 */
export interface WorkerConfigOptions {
  /**
   * Step Functions or States endpoint, such as `http://localhost:5500`.
   * Environment: `stepFunctions__serviceUrl`.
   * @defaultValue the AWS regional endpoint
   */
  readonly serviceUrl?: string;

  /**
   * AWS region. Environment: `stepFunctions__awsRegion`.
   * @defaultValue 'us-east-1'
   */
  readonly region?: string;

  /**
   * Static credentials. Environment: `stepFunctions__authenticationKey` and
   * `stepFunctions__authenticationSecret`.
   * @defaultValue the AWS default credential provider chain
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };

  /**
   * Prefix of every activity name. Environment: `stepFunctions__EnvironmentName`.
   * @defaultValue '' (no prefix)
   */
  readonly environmentName?: string;

  /**
   * Character between the environment name and the worker name: `_` as the
   * Python library does, `-` as the .NET library does.
   * Environment: `stepFunctions__activityNameSeparator`.
   * @defaultValue '_'
   */
  readonly activityNameSeparator?: '_' | '-';

  /**
   * Seconds between heartbeats, for workers that set no `heartbeatSeconds`.
   * Environment: `stepFunctions__DefaultHeartbeatDelay`.
   * @defaultValue 5
   */
  readonly defaultHeartbeatSeconds?: number;

  /**
   * Concurrency of workers that set none. Environment: `stepFunctions__DefaultMaxConcurrency`.
   * @defaultValue 5
   */
  readonly defaultConcurrency?: number;

  /**
   * GetActivityTask calls in flight per worker, for workers that set no
   * `maxPollers`. Environment: `stepFunctions__DefaultMaxPollers`.
   * @defaultValue 4
   */
  readonly defaultMaxPollers?: number;

  /**
   * Seconds running tasks get to finish after a shutdown starts.
   * Environment: `stepFunctions__shutdownGraceSeconds`.
   * @defaultValue 30
   */
  readonly shutdownGraceSeconds?: number;

  /**
   * Request timeout of GetActivityTask, in seconds; keep it above the 60 s the
   * service keeps a poll open. Environment: `stepFunctions__pollRequestTimeoutSeconds`.
   * @defaultValue 70
   */
  readonly pollRequestTimeoutSeconds?: number;

  /**
   * Request timeout of every other Step Functions call, in seconds.
   * Environment: `stepFunctions__requestTimeoutSeconds`.
   * @defaultValue 10
   */
  readonly requestTimeoutSeconds?: number;

  /** Synchronisation of store definitions from States. */
  readonly storeSync?: {
    /**
     * Environment: `stepFunctions__enableStatesStoreSync`.
     * @defaultValue false
     */
    readonly enabled?: boolean;
    /**
     * Environment: `stepFunctions__statesStoreBaseUrl`.
     * @defaultValue the service URL
     */
    readonly baseUrl?: string;
    /**
     * Environment: `stepFunctions__statesPollTimeoutSeconds`.
     * @defaultValue 70
     */
    readonly pollTimeoutSeconds?: number;
    /**
     * Environment: `stepFunctions__statesStatusHeartbeatSeconds`.
     * @defaultValue 60
     */
    readonly statusHeartbeatSeconds?: number;
    /**
     * Environment: `stepFunctions__statesRequestTimeoutSeconds`.
     * @defaultValue 15
     */
    readonly requestTimeoutSeconds?: number;
  };

  /**
   * The HTTP server of health probes and Prometheus metrics (`/healthz`,
   * `/readyz`, `/metrics`). Off unless a port is set.
   */
  readonly httpServer?: {
    /**
     * TCP port to listen on; `0` picks a free port (read it from
     * `WorkerApplication.httpServerAddress`). Environment: `httpServer__port`.
     * @defaultValue unset: no server
     */
    readonly port?: number;
    /**
     * Interface to listen on. Environment: `httpServer__host`.
     * @defaultValue '0.0.0.0' (every IPv4 interface, as a container needs)
     */
    readonly host?: string;
  };

  /**
   * Path of a `logging_config.json` in the Python library's format, or `false`
   * to ignore any. Environment: `logging_config_path`.
   * @defaultValue `logging_config.json` in the working directory when it exists
   */
  readonly loggingConfigPath?: string | false;

  /**
   * Most detailed level written; overrides the file's `minimumLevel.default`.
   * Environment: `LOG_LEVEL`.
   * @defaultValue 'info'
   */
  readonly logLevel?: LogLevel;

  /**
   * Console output format. Environment: `LOG_FORMAT`.
   * @defaultValue 'auto'
   */
  readonly logFormat?: LogFormat;

  /**
   * Store definitions as JSON text (an array of `{Name, Type, Config}`), used
   * instead of the definitions file. Environment: `STORE_CONFIG`.
   */
  readonly storeConfig?: string;

  /**
   * Path of the store definitions file. Environment: `STORE_CONFIG_PATH`.
   * @defaultValue `config.json` in the working directory, read by the stores package
   */
  readonly storeConfigPath?: string;
}
