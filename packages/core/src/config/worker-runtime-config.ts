import type { LogFormat, LogLevel } from '../logging/log-level';

/**
 * Configuration after loading and validation, with every default applied and
 * every duration in milliseconds. Produced by the configuration loader from the
 * environment, `.env` and the options passed to `WorkerApplication.create()`.
 *
 * @internal
 */
export interface WorkerRuntimeConfig {
  /** Step Functions or States endpoint; undefined means the AWS regional endpoint. */
  readonly serviceUrl: string | undefined;
  readonly region: string;
  /** Static credentials; undefined means the AWS default provider chain. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;

  /** Prefix of every activity name; empty means no prefix. */
  readonly environmentName: string;
  /** Joins environmentName and the worker name: `_` (Python library) or `-` (.NET library). */
  readonly activityNameSeparator: '_' | '-';

  /** Heartbeat interval for workers that set none. */
  readonly defaultHeartbeatMs: number;
  /** Concurrency for workers that set none. */
  readonly defaultConcurrency: number;
  /** Upper bound of GetActivityTask calls in flight per worker. */
  readonly defaultMaxPollers: number;

  /** Time running tasks get to finish after a shutdown starts. */
  readonly shutdownGraceMs: number;
  /** Request timeout of GetActivityTask; above the service's 60 s hold. */
  readonly pollRequestTimeoutMs: number;
  /** Request timeout of every other Step Functions call. */
  readonly requestTimeoutMs: number;

  readonly storeSync: {
    readonly enabled: boolean;
    readonly baseUrl: string | undefined;
    readonly pollTimeoutMs: number;
    readonly statusHeartbeatMs: number;
    readonly requestTimeoutMs: number;
  };

  /** The HTTP server of health probes and metrics. */
  readonly httpServer: {
    /** TCP port; undefined means no server, 0 a free port. */
    readonly port: number | undefined;
    /** Interface to listen on. */
    readonly host: string;
  };

  /** Path of a Python-library style `logging_config.json`, if any. */
  readonly loggingConfigPath: string | undefined;
  /** Path of the store definitions file (`config.json`), if any. */
  readonly storeConfigPath: string | undefined;
  /** Store definitions as JSON text from `STORE_CONFIG` or the options, if any; contains secrets. */
  readonly storeConfigJson: string | undefined;

  /** Most detailed level written; undefined leaves it to `logging_config.json`, else `info`. */
  readonly logLevel: LogLevel | undefined;
  /** Console output format. */
  readonly logFormat: LogFormat;
}
