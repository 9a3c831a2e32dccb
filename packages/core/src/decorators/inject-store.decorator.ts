import 'reflect-metadata';
import { inject } from 'tsyringe';

import { storeToken } from '../injection/store-token';
import { metadataKeys } from './metadata-keys';
import type { StoreKind } from './store-ref.decorator';

/**
 * Options of {@link InjectStore}.
 *
 * @public
 */
export interface InjectStoreOptions {
  /**
   * Kind of store the name must refer to. When the store is defined at start,
   * a store of another kind stops the start with a message naming the class,
   * the parameter, the store and its kind.
   *
   * @defaultValue 'any'
   */
  readonly kind?: StoreKind;
}

/**
 * Store name and kind that `@InjectStore` recorded on one constructor parameter.
 *
 * @internal
 */
export interface InjectedStore {
  readonly name: string;
  readonly kind: StoreKind;
}

/**
 * Injects the store named `name` into a constructor parameter. The parameter's
 * type is usually `DbStore`, `FileStore` or `Store`. Give the matching `kind`,
 * so that the start fails when the store is of the other kind.
 *
 * The application checks at start that the store is defined, could be built
 * and is of the requested kind, and fails with a message naming the class, the
 * store and the reason otherwise. With store sync on, a name no definition has
 * yet is accepted with a warning, because States may define it. A task that
 * uses it before States does fails with `StoreNotFoundError`.
 *
 * @example
 * ```ts
 * constructor(@InjectStore('warehouse', { kind: 'database' }) private readonly warehouse: DbStore) {}
 * ```
 *
 * @public
 */
export function InjectStore(name: string, options: InjectStoreOptions = {}): ParameterDecorator {
  const injectToken = inject(storeToken(name));
  const kind = options.kind ?? 'any';

  if (!['database', 'file', 'any'].includes(kind)) {
    throw new TypeError(`@InjectStore('${name}') has an invalid kind ${JSON.stringify(kind)}; use 'database', 'file' or 'any'.`);
  }

  return (target, propertyKey, parameterIndex) => {
    if (propertyKey !== undefined) {
      throw new TypeError(
        `@InjectStore('${name}') is on a parameter of method ${String(propertyKey)}; it applies to constructor parameters only.`,
      );
    }

    const stores = { ...getInjectedStores(target) };
    stores[parameterIndex] = { name, kind };
    Reflect.defineMetadata(metadataKeys.injectStore, stores, target);

    injectToken(target, propertyKey, parameterIndex);
  };
}

/**
 * Returns the stores that `@InjectStore` recorded on a class's constructor,
 * keyed by parameter index.
 *
 * @internal
 */
export function getInjectedStores(target: object): Readonly<Record<number, InjectedStore>> {
  return (Reflect.getOwnMetadata(metadataKeys.injectStore, target) as Record<number, InjectedStore> | undefined) ?? {};
}

