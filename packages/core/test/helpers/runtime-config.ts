import { loadWorkerConfig, type WorkerConfigOptions, type WorkerRuntimeConfig } from '../../src/index';

/** Runtime config from defaults and `overrides` only: no process environment, no `.env`. */
export function testConfig(overrides: WorkerConfigOptions = {}): WorkerRuntimeConfig {
  return loadWorkerConfig({ env: {}, envFile: false, overrides: { loggingConfigPath: false, ...overrides } });
}
