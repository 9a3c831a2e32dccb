import {
  activityNameFor,
  createApplicationContainer,
  createTaskPipeline,
  loadWorkerConfig,
  readWorkerDefinitions,
  resolveWorkerSettings,
  type Constructor,
  type LogLevel,
  type Provider,
  type WorkerConfigOptions,
  type WorkerRuntimeConfig,
} from '@bevault-workers/core';

import { createCapturingLogger } from '../logging/create-capturing-logger';
import { applyProviderOverrides, ProviderOverride, tokenOf, type ProviderToken } from '../providers/provider-override';
import { buildTestStores, type StoreEntry } from '../stores/build-test-stores';
import { StoreOverride, type StoreReplacement } from '../stores/store-override';
import type { CompiledWorker } from './start-task';
import { TestingWorkerApp } from './testing-worker-app';

/**
 * Options of `Test.createWorkerApp()`.
 *
 * @public
 */
export interface TestingAppOptions {
  /** Worker classes decorated with `@Worker`. */
  readonly workers: readonly Constructor[];

  /** Providers, as given to `WorkerApplication.create()`. @defaultValue [] */
  readonly providers?: readonly Provider[];

  /**
   * Store entries (`{ Name, Type, Config }`, as in `config.json`). The testing
   * app reads no `STORE_CONFIG` and no store file.
   * @defaultValue []
   */
  readonly stores?: readonly StoreEntry[];

  /**
   * Runtime settings. The testing app reads neither the environment nor
   * `.env`, so only these and the defaults count.
   * @defaultValue {}
   */
  readonly config?: WorkerConfigOptions;

  /**
   * Most detailed level captured in `app.logs`.
   * @defaultValue 'debug'
   */
  readonly logLevel?: LogLevel;
}

/**
 * Everything a testing app or a Local States environment is built from, with
 * the overrides applied.
 *
 * @internal
 */
export interface ResolvedAppOptions {
  readonly workers: readonly Constructor[];
  readonly providers: readonly Provider[];
  readonly storeEntries: readonly StoreEntry[];
  readonly storeOverrides: ReadonlyMap<string, StoreReplacement>;
  readonly config: WorkerConfigOptions;
  readonly logLevel: LogLevel;
}

/**
 * Collects the workers, providers, stores and overrides of a testing app,
 * in the manner of NestJS's `Test.createTestingModule()`.
 *
 * @example
 * ```ts
 * const app = await Test.createWorkerApp({ workers: [CsvToTableWorker], providers: [HttpClient] })
 *   .overrideProvider(HttpClient).useValue(fakeHttp)
 *   .overrideStore('warehouse').useSqlite()
 *   .overrideStore('landing').useTempDir()
 *   .compile();
 * ```
 *
 * @public
 */
export class WorkerAppBuilder {
  private readonly providerOverrides = new Map<unknown, Provider>();
  private readonly storeOverrides = new Map<string, StoreReplacement>();

  /** @internal */
  constructor(private readonly options: TestingAppOptions) {
    if (!Array.isArray(options?.workers) || options.workers.length === 0) {
      throw new TypeError('Test.createWorkerApp() needs workers: pass the worker classes to test, for example { workers: [CsvToTableWorker] }.');
    }
  }

  /**
   * Replaces what the container provides for `token` (a class, a string or a
   * symbol), whether `providers` lists it or not. A later override of the same
   * token wins.
   * @throws TypeError when `token` is one of the workers.
   */
  overrideProvider(token: ProviderToken): ProviderOverride<this> {
    if (this.options.workers.includes(token as Constructor)) {
      throw new TypeError(
        `Cannot override worker class ${(token as Constructor).name}: the testing app runs the workers themselves. Override the providers they depend on instead.`,
      );
    }

    return new ProviderOverride(token, (provider) => {
      this.providerOverrides.set(tokenOf(provider), provider);
      return this;
    });
  }

  /**
   * Replaces the store named `name` (case-insensitive), or adds it when no
   * entry defines it. A later override of the same name wins.
   */
  overrideStore(name: string): StoreOverride<this> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TypeError(`overrideStore() needs a store name, got ${JSON.stringify(name)}.`);
    }

    return new StoreOverride(name.trim(), (storeName, replacement) => {
      for (const existing of this.storeOverrides.keys()) {
        if (existing.toLowerCase() === storeName.toLowerCase()) {
          this.storeOverrides.delete(existing);
        }
      }

      this.storeOverrides.set(storeName, replacement);
      return this;
    });
  }

  /**
   * Builds the app: loads the config, builds the stores and the container
   * (checking every dependency, as `WorkerApplication.create()` does) and one
   * task pipeline per worker.
   *
   * @throws the errors of `WorkerApplication.create()`: WorkerDefinitionError,
   *   DependencyResolutionError, ConfigurationError, StoreConfigurationError.
   */
  async compile(): Promise<TestingWorkerApp> {
    const resolved = this.resolve();
    const config = loadTestConfig(resolved.config);
    const { logger, logs } = createCapturingLogger(config, resolved.logLevel);
    const stores = buildTestStores(resolved.storeEntries, resolved.storeOverrides, logger);

    try {
      const definitions = readWorkerDefinitions(resolved.workers);
      const container = createApplicationContainer({ definitions, providers: resolved.providers, stores: stores.registry, logger, config });

      const workers = new Map<string, CompiledWorker>();
      for (const definition of definitions) {
        workers.set(definition.name, {
          workerName: definition.name,
          activityArn: `arn:aws:states:${config.region}:123456789012:activity:${activityNameFor(definition.name, config)}`,
          heartbeatMs: resolveWorkerSettings(definition, config).heartbeatMs,
          pipeline: createTaskPipeline({ definition, container, stores: stores.registry, logger }),
        });
      }

      return new TestingWorkerApp({ config, logger, logs, stores, container, workers });
    } catch (error) {
      await stores.dispose();
      throw error;
    }
  }

  /** Returns the options with the overrides applied. @internal */
  resolve(): ResolvedAppOptions {
    return {
      workers: this.options.workers,
      providers: applyProviderOverrides(this.options.providers ?? [], this.providerOverrides),
      storeEntries: this.options.stores ?? [],
      storeOverrides: new Map(this.storeOverrides),
      config: this.options.config ?? {},
      logLevel: this.options.logLevel ?? 'debug',
    };
  }
}

/** Loads the config from the options and the defaults only, without `logging_config.json` unless one is named. */
function loadTestConfig(options: WorkerConfigOptions): WorkerRuntimeConfig {
  return loadWorkerConfig({ env: {}, envFile: false, overrides: { loggingConfigPath: false, ...options } });
}
