import 'reflect-metadata';
import { Lifecycle, container as globalContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { DependencyResolutionError } from '../errors/dependency-resolution-error';
import type { StoreSource } from '../injection/store-source';
import { storeToken } from '../injection/store-token';
import type { Constructor } from '../workers/constructor';
import type { WorkerDefinition } from '../workers/worker-definition';
import { DependencyChecker } from './dependency-checker';
import type { Provider } from './provider';
import { registerProviders } from './register-providers';
import { STORE_REGISTRY, WORKER_CONFIG, WORKER_LOGGER } from './tokens';

/**
 * What {@link createApplicationContainer} builds the container from.
 *
 * @internal
 */
export interface ApplicationContainerOptions {
  readonly definitions: readonly WorkerDefinition[];
  /** @defaultValue [] */
  readonly providers?: readonly Provider[];
  /** The application's store registry, injected by name and under {@link STORE_REGISTRY}. */
  readonly stores: StoreSource;
  readonly logger: Logger;
  readonly config: WorkerRuntimeConfig;
  /**
   * Classes registered under the store registry as well as under
   * {@link STORE_REGISTRY}, so that a parameter typed with them needs no `@Inject`.
   * @defaultValue []
   */
  readonly storeRegistryClasses?: readonly Constructor[];
}

/**
 * Builds the dependency container of one application: a child of a fresh root
 * container, so that two applications (or two tests) never share
 * registrations or instances, and the global tsyringe `container` is never
 * read or written.
 *
 * Registers the logger, the config, the store registry, the providers, one
 * factory per store named by `@InjectStore`, and every worker class. Workers,
 * class providers and `@Injectable()` classes are singletons of the
 * application. Then checks every constructor parameter of every worker and
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
  for (const registryClass of options.storeRegistryClasses ?? []) {
    container.register(registryClass as never, { useValue: stores });
  }

  const providerChecks = registerProviders(container, options.providers ?? []);
  for (const definition of definitions) {
    container.register(definition.workerClass, { useClass: definition.workerClass }, { lifecycle: Lifecycle.Singleton });
  }

  const checker = new DependencyChecker(container, stores, {
    registerStore(name) {
      const token = storeToken(name);
      if (!container.isRegistered(token)) {
        container.register(token, { useFactory: instanceCachingFactory(() => stores.get(name)) });
      }
    },
    registerInjectable(target) {
      container.register(target, { useClass: target }, { lifecycle: Lifecycle.Singleton });
    },
  });

  for (const definition of definitions) {
    checker.checkClass(definition.workerClass);
  }
  for (const providerClass of providerChecks.classes) {
    checker.checkClass(providerClass);
  }
  providerChecks.runDeferredChecks(checker);

  if (checker.problems.length > 0) {
    throw new DependencyResolutionError(checker.problems);
  }

  instantiateWorkers(container, definitions);
  return container;
}

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
      const reason = error instanceof Error ? error.message : String(error);
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
