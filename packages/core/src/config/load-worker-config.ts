import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { ConfigurationError } from '../errors/configuration-error';
import { ConfigurationSources } from './configuration-sources';
import { configDefaults, environmentVariables as names } from './environment-variables';
import { readEnvFile } from './read-env-file';
import { checkOptionNames } from './check-option-names';
import * as parsers from './value-parsers';
import type { WorkerConfigOptions } from './worker-config-options';
import type { WorkerRuntimeConfig } from './worker-runtime-config';

/**
 * Sources and overrides of {@link loadWorkerConfig}.
 *
 * @public
 */
export interface LoadWorkerConfigOptions {
  /**
   * Environment variables to read.
   * @defaultValue `process.env`
   */
  readonly env?: Readonly<Record<string, string | undefined>>;

  /**
   * `.env` file to read, relative to `cwd`, or `false` for none. Its variables
   * count only where the environment leaves them unset. When `env` is left to
   * `process.env`, they are also copied into `process.env` (as dotenv and the
   * Python library do), so the AWS SDK and the stores see them.
   * @defaultValue `.env` in `cwd`, when it exists
   */
  readonly envFile?: string | false;

  /**
   * Directory that relative paths are resolved against.
   * @defaultValue `process.cwd()`
   */
  readonly cwd?: string;

  /** Settings that override the environment. */
  readonly overrides?: WorkerConfigOptions;
}

/**
 * Loads and checks the runtime configuration from the options, the
 * environment, the `.env` file and the defaults, in that order of precedence.
 *
 * @throws {@link ConfigurationError} naming the variable or option, the bad
 *   value (hidden for secrets) and the accepted form, for the first invalid value.
 * @public
 */
export function loadWorkerConfig(options: LoadWorkerConfigOptions = {}): WorkerRuntimeConfig {
  const cwd = options.cwd ?? process.cwd();
  const overrides = options.overrides ?? {};
  checkOptionNames(overrides);

  const envFile = readEnvFile(options.envFile, cwd);

  // Settings are read from the environment as it was before the copy, so an error about a value
  // from the file names the file.
  const env = options.env ?? { ...process.env };
  if (options.env === undefined) {
    copyMissing(envFile.values, process.env);
  }

  const sources = new ConfigurationSources(env, envFile.values, envFile.path);
  const serviceUrl = sources.read({ variable: names.serviceUrl, option: { name: 'serviceUrl', value: overrides.serviceUrl }, parser: parsers.httpUrl });

  return {
    serviceUrl,
    region: sources.read({ variable: names.awsRegion, option: { name: 'region', value: overrides.region }, parser: parsers.regionName }) ?? configDefaults.region,
    credentials: readCredentials(sources, overrides),

    environmentName:
      sources.read({ variable: names.environmentName, option: { name: 'environmentName', value: overrides.environmentName }, parser: parsers.environmentName }) ??
      configDefaults.environmentName,
    activityNameSeparator:
      sources.read({
        variable: names.activityNameSeparator,
        option: { name: 'activityNameSeparator', value: overrides.activityNameSeparator },
        parser: parsers.activityNameSeparator,
      }) ?? configDefaults.activityNameSeparator,

    defaultHeartbeatMs: readMs(sources, names.defaultHeartbeatDelay, 'defaultHeartbeatSeconds', overrides.defaultHeartbeatSeconds, configDefaults.heartbeatSeconds),
    defaultConcurrency:
      sources.read({ variable: names.defaultMaxConcurrency, option: { name: 'defaultConcurrency', value: overrides.defaultConcurrency }, parser: parsers.positiveInteger }) ??
      configDefaults.concurrency,
    defaultMaxPollers:
      sources.read({ variable: names.defaultMaxPollers, option: { name: 'defaultMaxPollers', value: overrides.defaultMaxPollers }, parser: parsers.positiveInteger }) ??
      configDefaults.maxPollers,

    shutdownGraceMs:
      sources.read({
        variable: names.shutdownGraceSeconds,
        option: { name: 'shutdownGraceSeconds', value: overrides.shutdownGraceSeconds },
        parser: parsers.nonNegativeSecondsAsMs,
      }) ?? configDefaults.shutdownGraceSeconds * 1000,
    pollRequestTimeoutMs: readMs(
      sources,
      names.pollRequestTimeoutSeconds,
      'pollRequestTimeoutSeconds',
      overrides.pollRequestTimeoutSeconds,
      configDefaults.pollRequestTimeoutSeconds,
    ),
    requestTimeoutMs: readMs(sources, names.requestTimeoutSeconds, 'requestTimeoutSeconds', overrides.requestTimeoutSeconds, configDefaults.requestTimeoutSeconds),

    storeSync: readStoreSync(sources, overrides, serviceUrl),
    httpServer: readHttpServer(sources, overrides),

    loggingConfigPath: readLoggingConfigPath(sources, overrides, cwd),
    logLevel: sources.read({ variable: names.logLevel, option: { name: 'logLevel', value: overrides.logLevel }, parser: parsers.logLevel }),
    logFormat: sources.read({ variable: names.logFormat, option: { name: 'logFormat', value: overrides.logFormat }, parser: parsers.logFormat }) ?? configDefaults.logFormat,

    storeConfigJson: sources.read({ variable: names.storeConfig, option: { name: 'storeConfig', value: overrides.storeConfig }, parser: parsers.jsonDocument, secret: true }),
    storeConfigPath: readExistingPath(sources, names.storeConfigPath, 'storeConfigPath', overrides.storeConfigPath, cwd),
  };
}

function copyMissing(values: Readonly<Record<string, string>>, target: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(values)) {
    if (target[name] === undefined) {
      target[name] = value;
    }
  }
}

function readMs(sources: ConfigurationSources, variable: string, option: string, value: number | undefined, defaultSeconds: number): number {
  return sources.read({ variable, option: { name: option, value }, parser: parsers.positiveSecondsAsMs }) ?? defaultSeconds * 1000;
}

function readCredentials(sources: ConfigurationSources, overrides: WorkerConfigOptions): WorkerRuntimeConfig['credentials'] {
  const option = overrides.credentials;
  const accessKeyId = sources.read({
    variable: names.authenticationKey,
    option: { name: 'credentials.accessKeyId', value: option?.accessKeyId },
    parser: parsers.nonEmptyText,
    secret: true,
  });
  const secretAccessKey = sources.read({
    variable: names.authenticationSecret,
    option: { name: 'credentials.secretAccessKey', value: option?.secretAccessKey },
    parser: parsers.nonEmptyText,
    secret: true,
  });

  if (accessKeyId === undefined && secretAccessKey === undefined) {
    return undefined;
  }

  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const [set, missing] =
      accessKeyId === undefined ? [names.authenticationSecret, names.authenticationKey] : [names.authenticationKey, names.authenticationSecret];
    throw new ConfigurationError(
      missing,
      `${missing} is missing while ${set} is set. Set both (or both credentials options) for static credentials, ` +
        'or neither to use the AWS default credential provider chain.',
    );
  }

  return { accessKeyId, secretAccessKey };
}

function readStoreSync(sources: ConfigurationSources, overrides: WorkerConfigOptions, serviceUrl: string | undefined): WorkerRuntimeConfig['storeSync'] {
  const option = overrides.storeSync ?? {};
  const enabled =
    sources.read({ variable: names.enableStatesStoreSync, option: { name: 'storeSync.enabled', value: option.enabled }, parser: parsers.booleanFlag }) ??
    configDefaults.storeSyncEnabled;
  const baseUrl = sources.read({ variable: names.statesStoreBaseUrl, option: { name: 'storeSync.baseUrl', value: option.baseUrl }, parser: parsers.httpUrl }) ?? serviceUrl;

  if (enabled && baseUrl === undefined) {
    throw new ConfigurationError(
      names.statesStoreBaseUrl,
      `Store sync is on (${names.enableStatesStoreSync}) but neither ${names.statesStoreBaseUrl} nor ${names.serviceUrl} is set. Set one of them to the URL of States.`,
    );
  }

  return {
    enabled,
    baseUrl,
    pollTimeoutMs: readMs(sources, names.statesPollTimeoutSeconds, 'storeSync.pollTimeoutSeconds', option.pollTimeoutSeconds, configDefaults.statesPollTimeoutSeconds),
    statusHeartbeatMs: readMs(
      sources,
      names.statesStatusHeartbeatSeconds,
      'storeSync.statusHeartbeatSeconds',
      option.statusHeartbeatSeconds,
      configDefaults.statesStatusHeartbeatSeconds,
    ),
    requestTimeoutMs: readMs(
      sources,
      names.statesRequestTimeoutSeconds,
      'storeSync.requestTimeoutSeconds',
      option.requestTimeoutSeconds,
      configDefaults.statesRequestTimeoutSeconds,
    ),
  };
}

function readHttpServer(sources: ConfigurationSources, overrides: WorkerConfigOptions): WorkerRuntimeConfig['httpServer'] {
  const option = overrides.httpServer ?? {};

  return {
    port: sources.read({ variable: names.httpServerPort, option: { name: 'httpServer.port', value: option.port }, parser: parsers.portNumber }),
    host:
      sources.read({ variable: names.httpServerHost, option: { name: 'httpServer.host', value: option.host }, parser: parsers.listenHost }) ??
      configDefaults.httpServerHost,
  };
}

function readLoggingConfigPath(sources: ConfigurationSources, overrides: WorkerConfigOptions, cwd: string): string | undefined {
  if (overrides.loggingConfigPath === false) {
    return undefined;
  }

  const explicit = readExistingPath(sources, names.loggingConfigPath, 'loggingConfigPath', overrides.loggingConfigPath, cwd);
  if (explicit !== undefined) {
    return explicit;
  }

  const conventional = resolve(cwd, configDefaults.loggingConfigFile);
  return existsSync(conventional) ? conventional : undefined;
}

function readExistingPath(sources: ConfigurationSources, variable: string, option: string, value: string | undefined, cwd: string): string | undefined {
  const spec = { variable, option: { name: option, value } };
  const text = sources.read({ ...spec, parser: parsers.nonEmptyText });
  if (text === undefined) {
    return undefined;
  }

  const path = resolve(cwd, text);
  if (!existsSync(path)) {
    const found = sources.find(spec);
    throw new ConfigurationError(
      found?.variable ?? variable,
      `Invalid ${found?.origin ?? variable}: file ${path} was not found. Expected the path of an existing file, absolute or relative to ${cwd}.`,
    );
  }

  return path;
}
