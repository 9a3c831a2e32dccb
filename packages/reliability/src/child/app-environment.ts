import { buildStoreConfig } from '../secrets/store-config';
import { suiteCredentials } from '../secrets/suite-secrets';

/** Options of {@link appEnvironment}. */
export interface AppEnvironmentOptions {
  /** Local States URL, or a URL where nothing listens yet. */
  readonly statesUrl: string;
  /** Folder of the application's SQLite and file stores. */
  readonly dataDirectory: string;
  /** A loopback port nothing listens on, for the stores that must fail. */
  readonly closedPort: number;
  /** @defaultValue the suite's credentials */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** `stepFunctions__shutdownGraceSeconds`. @defaultValue 1 */
  readonly graceSeconds?: number;
  /** `stepFunctions__DefaultHeartbeatDelay`, in seconds. @defaultValue 1 */
  readonly heartbeatSeconds?: number;
  /** `LOG_LEVEL`. @defaultValue 'info' */
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** More variables, set last. */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * Builds the whole environment of a child application with the Python
 * library's variable names, as an operator would set it: endpoint,
 * credentials, timings, JSON logs, and `STORE_CONFIG` with the suite's
 * secrets. `AWS_EC2_METADATA_DISABLED` keeps the SDK away from the instance
 * metadata service.
 */
export function appEnvironment(options: AppEnvironmentOptions): Record<string, string> {
  const credentials = options.credentials ?? suiteCredentials;

  return {
    PATH: process.env.PATH ?? '',
    AWS_EC2_METADATA_DISABLED: 'true',
    stepFunctions__serviceUrl: options.statesUrl,
    stepFunctions__awsRegion: 'us-east-1',
    stepFunctions__authenticationKey: credentials.accessKeyId,
    stepFunctions__authenticationSecret: credentials.secretAccessKey,
    stepFunctions__shutdownGraceSeconds: String(options.graceSeconds ?? 1),
    stepFunctions__DefaultHeartbeatDelay: String(options.heartbeatSeconds ?? 1),
    stepFunctions__requestTimeoutSeconds: '10',
    LOG_FORMAT: 'json',
    LOG_LEVEL: options.logLevel ?? 'info',
    STORE_CONFIG: buildStoreConfig({ dataDirectory: options.dataDirectory, closedPort: options.closedPort }),
    ...options.extra,
  };
}
