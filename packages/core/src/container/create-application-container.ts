import 'reflect-metadata';
import { StoreRegistry } from '@bevault-workers/stores';
import { Lifecycle, container as globalContainer, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { DependencyResolutionError } from '../errors/dependency-resolution-error';
import { createLiveStore } from '../injection/live-store';
import type { StoreSource } from '../injection/store-source';
import { storeToken } from '../injection/store-token';
import { TaskStoreScope } from '../injection/task-store-scope';
import { truncateText } from '../results/truncate';
import type { Constructor } from '../workers/constructor';
import type { WorkerDefinition } from '../workers/worker-definition';
import { DependencyChecker } from './dependency-checker';
import type { Provider } from './provider';
import { registerProviders } from './register-providers';
import { STORE_REGISTRY, WORKER_CONFIG, WORKER_LOGGER } from './tokens';

/**
 * Options of {@link createApplicationContainer}.
 *
 * @internal
 */
export interface ApplicationContainerOptions {
  readonly definitions: readonly WorkerDefinition[];
  /** @defaultValue [] */
  readonly providers?: readonly Provider[];
  /**
   * The application's store registry: stores are injected from it by name, and
   * it is injected itself for parameters typed `StoreRegistry` or marked
   * `@Inject(STORE_REGISTRY)`.
   */
  readonly stores: StoreSource;
  readonly logger: Logger;
  readonly config: WorkerRuntimeConfig;
  /**
   * More classes under which the store registry is registered. `StoreRegistry`
   * is always registered, so this is needed only for other registry classes.
   * @defaultValue []
   */
  readonly storeRegistryClasses?: readonly Constructor[];
  /**
   * Whether stores may come from States at run time (store sync is on): an
   * `@InjectStore` name that no definition has yet is then accepted with a
   * warning, and fails at its first use if States never defines it.
   * @defaultValue false
   */
  readonly storesFromStates?: boolean;
}

/**
 * Builds the dependency container of one application: a child of a fresh root
 * container, so that two applications (or two tests) never share
 * registrations or instances, and the global tsyringe `container` is never
 * read or written.
 *
 * Registers the logger, the config, the store registry, the providers, one
 * live store per name given to `@InjectStore` (it resolves the store at each
 * use, through the running task's snapshot of the registry), and every worker
 * class. Workers, class providers and `@Injectable()` classes are singletons
 * of the application. Then checks every constructor parameter of every worker and
 * provider, recursively, and creates each worker once, so that a missing
 * provider, a missing or broken store, or a constructor that throws stops the
 * start before any poll.
 *
 * @throws {@link DependencyResolutionError} listing every problem found.
 * @internal
 */
export function createApplicationContainer(options: ApplicationContainerOptions): DependencyContainer {
  const { definitions, stores } = options;
  const container = createRootContainer().createChildContainer();

  container.register(WORKER_LOGGER, { useValue: options.logger });
  container.register(WORKER_CONFIG, { useValue: options.config });
  container.register(STORE_REGISTRY, { useValue: stores });
  for (const registryClass of [StoreRegistry as unknown as Constructor, ...(options.storeRegistryClasses ?? [])]) {
    container.register(registryClass, { useValue: stores });
  }

  const storeScope = new TaskStoreScope(stores, options.logger);
  container.register(TaskStoreScope, { useValue: storeScope });

  const providerChecks = registerProviders(container, options.providers ?? []);
  const classTokens = new Map(providerChecks.classes);
  for (const definition of definitions) {
    container.register(definition.workerClass, { useClass: definition.workerClass }, { lifecycle: Lifecycle.Singleton });
    classTokens.set(definition.workerClass, definition.workerClass);
  }

  const awaitedStores: string[] = [];
  const checker = new DependencyChecker(container, stores, {
    registerStore(name) {
      const token = storeToken(name);
      if (!container.isRegistered(token)) {
        container.register(token, { useValue: createLiveStore(name, storeScope.liveLookup()) });
      }
    },
    registerInjectable(target) {
      container.register(target, { useClass: target }, { lifecycle: Lifecycle.Singleton });
      classTokens.set(target, target);
    },
    classOf: (token) => classTokens.get(token as Constructor),
    acceptUndefinedStore(name) {
      if (options.storesFromStates !== true) {
        return false;
      }

      awaitedStores.push(name);
      return true;
    },
  });

  for (const definition of definitions) {
    checker.checkClass(definition.workerClass);
  }
  for (const providerClass of providerChecks.classes.values()) {
    checker.checkClass(providerClass);
  }
  providerChecks.runDeferredChecks(checker);

  if (checker.problems.length > 0) {
    throw new DependencyResolutionError(checker.problems);
  }

  if (awaitedStores.length > 0) {
    options.logger.warn('Injected stores not defined yet; expected from States store sync', { stores: [...new Set(awaitedStores)] });
  }

  instantiateWorkers(container, definitions);
  return container;
}

/** Maximum length of a quoted constructor error, because tsyringe nests one message per level of a deep graph. */
const maxReasonLength = 2000;

/**
 * Creates a root container with no parent. tsyringe exports only its global
 * instance; its class, reached through the instance's constructor, builds
 * independent roots.
 */
function createRootContainer(): DependencyContainer {
  const RootContainer = globalContainer.constructor as new () => DependencyContainer;
  return new RootContainer();
}

function instantiateWorkers(container: DependencyContainer, definitions: readonly WorkerDefinition[]): void {
  for (const definition of definitions) {
    try {
      container.resolve(definition.workerClass);
    } catch (error) {
      const reason = truncateText(error instanceof Error ? error.message : String(error), maxReasonLength, () => '…');
      throw new DependencyResolutionError(
        [
          {
            className: definition.workerClass.name,
            parameterIndex: undefined,
            token: undefined,
            message: `Creating worker ${definition.workerClass.name} (@Worker('${definition.name}')) failed: ${reason}`,
          },
        ],
        { cause: error },
      );
    }
  }
}
