/**
 * Names of the environment variables the framework reads. The `stepFunctions__`
 * ones and `logging_config_path` and `STORE_CONFIG` are those of the Python
 * library `bevault_workers`; the others are this framework's own. Names match
 * case-insensitively, so the .NET spelling `STEPFUNCTIONS__SERVICEURL` works too.
 *
 * @public
 */
export const environmentVariables = {
  authenticationKey: 'stepFunctions__authenticationKey',
  authenticationSecret: 'stepFunctions__authenticationSecret',
  awsRegion: 'stepFunctions__awsRegion',
  serviceUrl: 'stepFunctions__serviceUrl',
  environmentName: 'stepFunctions__EnvironmentName',
  activityNameSeparator: 'stepFunctions__activityNameSeparator',
  defaultHeartbeatDelay: 'stepFunctions__DefaultHeartbeatDelay',
  defaultMaxConcurrency: 'stepFunctions__DefaultMaxConcurrency',
  defaultMaxPollers: 'stepFunctions__DefaultMaxPollers',
  shutdownGraceSeconds: 'stepFunctions__shutdownGraceSeconds',
  pollRequestTimeoutSeconds: 'stepFunctions__pollRequestTimeoutSeconds',
  requestTimeoutSeconds: 'stepFunctions__requestTimeoutSeconds',
  enableStatesStoreSync: 'stepFunctions__enableStatesStoreSync',
  statesStoreBaseUrl: 'stepFunctions__statesStoreBaseUrl',
  statesPollTimeoutSeconds: 'stepFunctions__statesPollTimeoutSeconds',
  statesStatusHeartbeatSeconds: 'stepFunctions__statesStatusHeartbeatSeconds',
  statesRequestTimeoutSeconds: 'stepFunctions__statesRequestTimeoutSeconds',
  loggingConfigPath: 'logging_config_path',
  logLevel: 'LOG_LEVEL',
  logFormat: 'LOG_FORMAT',
  storeConfig: 'STORE_CONFIG',
  storeConfigPath: 'STORE_CONFIG_PATH',
  httpServerPort: 'httpServer__port',
  httpServerHost: 'httpServer__host',
} as const;

/**
 * Defaults of the runtime settings, in the units of their environment
 * variables (seconds for durations). Each default is written here only.
 *
 * @internal
 */
export const configDefaults = {
  region: 'us-east-1',
  environmentName: '',
  activityNameSeparator: '_',
  heartbeatSeconds: 5,
  concurrency: 5,
  maxPollers: 4,
  shutdownGraceSeconds: 30,
  pollRequestTimeoutSeconds: 70,
  requestTimeoutSeconds: 10,
  storeSyncEnabled: false,
  statesPollTimeoutSeconds: 70,
  statesStatusHeartbeatSeconds: 60,
  statesRequestTimeoutSeconds: 15,
  loggingConfigFile: 'logging_config.json',
  envFile: '.env',
  logFormat: 'auto',
  httpServerHost: '0.0.0.0',
} as const;
