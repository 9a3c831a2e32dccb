import 'reflect-metadata';
import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

import { metadataKeys } from './metadata-keys';

/**
 * Kind of store a `@StoreRef` property must name: a database store, a file
 * store, or either.
 *
 * @public
 */
export type StoreKind = 'database' | 'file' | 'any';

/**
 * What an input class property decorated with `@StoreRef` or `@FileTokenRef`
 * resolves to.
 *
 * @internal
 */
export interface StoreRefMetadata {
  readonly property: string;
  readonly resolve: { readonly kind: 'store'; readonly storeKind: StoreKind } | { readonly kind: 'file-token' };
}

/**
 * Makes an input property name a store and hands the handler the store itself.
 * The task input carries the store's name (a non-empty string, matched
 * case-insensitively); after validation the property holds the `DbStore`,
 * `FileStore` or `Store` instance. An unknown name, or a store of the other
 * kind, fails the task with `Worker.InvalidInput`, naming the store and listing
 * the stores that exist.
 *
 * Combine with `@IsOptional()` for an optional store.
 *
 * @example
 * ```ts
 * class CopyInput {
 *   @StoreRef('database') target!: DbStore;
 * }
 * ```
 *
 * @param kind - Kind of store the name must refer to. @defaultValue 'any'
 * @public
 */
export function StoreRef(kind: StoreKind = 'any', validationOptions?: ValidationOptions): PropertyDecorator {
  const label = kind === 'any' ? 'a' : `a ${kind}`;
  const checkName = ValidateBy(
    {
      name: 'isStoreName',
      constraints: [kind],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must be the name of ${label} store`, validationOptions),
      },
    },
    validationOptions,
  );

  return (target, propertyKey) => {
    recordStoreRef(target, { property: String(propertyKey), resolve: { kind: 'store', storeKind: kind } });
    checkName(target, propertyKey);
  };
}

/**
 * Makes an input property a file token (`<type>://<storeName>/<path>`) and
 * hands the handler `{ store, path, token }`: the file store the token names,
 * the path inside it, and the token as sent. A token that names no store, or
 * whose path escapes the store, fails the task with `Worker.InvalidInput`.
 *
 * Combine with `@IsOptional()` for an optional token.
 *
 * @example
 * ```ts
 * class ImportInput {
 *   @FileTokenRef() source!: ResolvedFileToken;
 * }
 * ```
 *
 * @public
 */
export function FileTokenRef(validationOptions?: ValidationOptions): PropertyDecorator {
  const checkToken = ValidateBy(
    {
      name: 'isFileToken',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]+\/./.test(value),
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property must be a file token such as file://storeName/path/to/file.csv`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );

  return (target, propertyKey) => {
    recordStoreRef(target, { property: String(propertyKey), resolve: { kind: 'file-token' } });
    checkToken(target, propertyKey);
  };
}

function recordStoreRef(prototype: object, ref: StoreRefMetadata): void {
  const inherited = getStoreRefs(prototype).filter((existing) => existing.property !== ref.property);
  Reflect.defineMetadata(metadataKeys.storeRefs, [...inherited, ref], prototype);
}

/**
 * Returns the `@StoreRef` and `@FileTokenRef` properties of an input class
 * prototype, including those declared on its base classes.
 *
 * @internal
 */
export function getStoreRefs(prototype: object): readonly StoreRefMetadata[] {
  return (Reflect.getMetadata(metadataKeys.storeRefs, prototype) as StoreRefMetadata[] | undefined) ?? [];
}
