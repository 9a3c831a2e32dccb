import { loadStoreDefinitions, StoreRegistry, type StoreDefinition } from '@bevault-workers/stores';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import { loadWorkerConfig } from '../config/load-worker-config';
import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { createApplicationContainer } from '../container/create-application-container';
import { ConfigurationError } from '../errors/configuration-error';
import { createLogger } from '../logging/create-logger';
import { createTaskPipeline } from '../pipeline/create-task-pipeline';
import type { TaskPipeline } from '../task/task-pipeline';
import { activityNameFor } from '../workers/activity-name';
import { collectWorkerClasses } from '../workers/collect-worker-classes';
import type { Constructor } from '../workers/constructor';
import { readWorkerDefinitions } from '../workers/read-worker-definition';
import type { WorkerDefinition } from '../workers/worker-definition';
import { resolveWorkerSettings, type WorkerSettings } from '../workers/worker-settings';
import type { WorkerApplicationOptions } from './worker-application-options';

/**
 * One worker as the runtime runs it.
 *
 * @internal
 */
export interface WorkerPlan {
  readonly definition: WorkerDefinition;
  readonly settings: WorkerSettings;
  /** Activity name with the environment prefix. */
  readonly activityName: string;
  readonly pipeline: TaskPipeline;
}

/**
 * Everything `WorkerApplication.create()` builds and checks before any network call.
 *
 * @internal
 */
export interface ApplicationParts {
  readonly config: WorkerRuntimeConfig;
  readonly logger: Logger;
  readonly stores: StoreRegistry;
  /** True when the application built the registry and must close it. */
  readonly ownsStores: boolean;
  readonly container: DependencyContainer;
  readonly workers: readonly WorkerPlan[];
}

/**
 * Loads the configuration, the logger and the stores, reads the worker
 * definitions, builds the container and the pipelines, and checks them all.
 * Closes a registry it built when a later step throws.
 *
 * @throws ConfigurationError, WorkerDefinitionError, DependencyResolutionError
 *   or StoreConfigurationError naming what is wrong.
 * @internal
 */
export function bootstrapApplication(options: WorkerApplicationOptions): ApplicationParts {
  const config = loadWorkerConfig({ env: options.env, envFile: options.envFile, overrides: options.config });
  const logger = options.logger ?? createLogger({ config });
  const { stores, ownsStores } = openStores(options, config, logger);

  try {
    const definitions = readWorkerDefinitions(collectClasses(options));
    const container = createApplicationContainer({
      definitions,
      providers: options.providers,
      stores,
      logger,
      config,
      // The constructor is private (registries come from StoreRegistry.create), but the class is the injection token.
      storeRegistryClasses: [StoreRegistry as unknown as Constructor],
      storesFromStates: config.storeSync.enabled,
    });

    const workers = definitions.map((definition) => ({
      definition,
      settings: resolveWorkerSettings(definition, config),
      activityName: activityNameFor(definition.name, config),
      pipeline: createTaskPipeline({ definition, container, stores, logger }),
    }));

    return { config, logger, stores, ownsStores, container, workers };
  } catch (error) {
    if (ownsStores) {
      void stores.close();
    }

    throw error;
  }
}

function collectClasses(options: WorkerApplicationOptions): Constructor[] {
  const classes = [...(options.workers ?? [])];

  if (options.workersFrom !== undefined) {
    classes.push(...collectWorkerClasses(options.workersFrom));
  }

  if (classes.length === 0) {
    throw new ConfigurationError(
      'workers',
      'No worker to run: pass `workers: [MyWorker]` or `workersFrom: <folder or module>` to WorkerApplication.create().',
    );
  }

  return [...new Set(classes)];
}

function openStores(
  options: WorkerApplicationOptions,
  config: WorkerRuntimeConfig,
  logger: Logger,
): { stores: StoreRegistry; ownsStores: boolean } {
  if (options.stores instanceof StoreRegistry) {
    return { stores: options.stores, ownsStores: false };
  }

  const definitions: readonly StoreDefinition[] =
    options.stores ?? loadStoreDefinitions({ configPath: config.storeConfigPath, env: { STORE_CONFIG: config.storeConfigJson ?? '' } });

  return { stores: StoreRegistry.create({ definitions, logger }), ownsStores: true };
}
