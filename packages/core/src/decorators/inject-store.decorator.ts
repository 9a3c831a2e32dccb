import 'reflect-metadata';
import { inject } from 'tsyringe';

import { storeToken } from '../injection/store-token';
import { metadataKeys } from './metadata-keys';

/**
 * Injects the store named `name` into a constructor parameter. The parameter's
 * type is usually `DbStore`, `FileStore` or `Store`. The application checks at
 * start that the store is defined and could be built, and fails with a message
 * naming the class, the store and the reason otherwise. With store sync on, a
 * name no definition has yet is accepted with a warning, because States may
 * define it. A task that uses it before States does fails with `StoreNotFoundError`.
 *
 * @example
 * ```ts
 * constructor(@InjectStore('warehouse') private readonly warehouse: DbStore) {}
 * ```
 *
 * @public
 */
export function InjectStore(name: string): ParameterDecorator {
  const injectToken = inject(storeToken(name));

  return (target, propertyKey, parameterIndex) => {
    if (propertyKey !== undefined) {
      throw new TypeError(
        `@InjectStore('${name}') is on a parameter of method ${String(propertyKey)}; it applies to constructor parameters only.`,
      );
    }

    const names = { ...getInjectedStoreNames(target) };
    names[parameterIndex] = name;
    Reflect.defineMetadata(metadataKeys.injectStore, names, target);

    injectToken(target, propertyKey, parameterIndex);
  };
}

/**
 * Returns the store names that `@InjectStore` recorded on a class's
 * constructor, keyed by parameter index.
 *
 * @internal
 */
export function getInjectedStoreNames(target: object): Readonly<Record<number, string>> {
  return (Reflect.getOwnMetadata(metadataKeys.injectStore, target) as Record<number, string> | undefined) ?? {};
}
