import { ConfigurationError } from '../errors/configuration-error';
import type { WorkerConfigOptions } from './worker-config-options';

type Known<T> = { readonly [K in keyof Required<T>]: true };

const optionNames: Known<WorkerConfigOptions> = {
  serviceUrl: true,
  region: true,
  credentials: true,
  environmentName: true,
  activityNameSeparator: true,
  defaultHeartbeatSeconds: true,
  defaultConcurrency: true,
  defaultMaxPollers: true,
  shutdownGraceSeconds: true,
  pollRequestTimeoutSeconds: true,
  requestTimeoutSeconds: true,
  storeSync: true,
  httpServer: true,
  loggingConfigPath: true,
  logLevel: true,
  logFormat: true,
  storeConfig: true,
  storeConfigPath: true,
};

const storeSyncOptionNames: Known<NonNullable<WorkerConfigOptions['storeSync']>> = {
  enabled: true,
  baseUrl: true,
  pollTimeoutSeconds: true,
  statusHeartbeatSeconds: true,
  requestTimeoutSeconds: true,
};

const httpServerOptionNames: Known<NonNullable<WorkerConfigOptions['httpServer']>> = {
  port: true,
  host: true,
};

/**
 * Rejects option names that {@link WorkerConfigOptions} does not have, which
 * would otherwise be ignored silently (a misspelt option in JavaScript code).
 *
 * @throws {@link ConfigurationError} naming the unknown option and listing the known ones.
 * @internal
 */
export function checkOptionNames(options: WorkerConfigOptions): void {
  checkKeys(options, optionNames, 'options');

  if (options.storeSync !== undefined) {
    checkKeys(options.storeSync, storeSyncOptionNames, 'options.storeSync');
  }

  if (options.httpServer !== undefined) {
    checkKeys(options.httpServer, httpServerOptionNames, 'options.httpServer');
  }
}

function checkKeys(options: object, known: object, path: string): void {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) {
      throw new ConfigurationError(`${path}.${key}`, `Unknown option ${path}.${key}. Known options: ${Object.keys(known).join(', ')}.`);
    }
  }
}
