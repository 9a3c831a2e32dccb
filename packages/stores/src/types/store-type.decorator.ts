import { setStoreTypeMetadata, type StoreClass, type StoreTypeOptions } from './store-type-metadata';

/**
 * Marks a class as the implementation of a store type. The decorator only records the type name;
 * the class takes effect when it is registered, with `StoreTypeRegistry.register(MyStore)` or by
 * the application that scans it. Registering it under a built-in name replaces the built-in.
 *
 * @example
 * ```ts
 * @StoreType('azureblob')
 * class AzureBlobStore extends BaseFileStore { ... }
 * ```
 * @public
 */
export function StoreType(typeName: string, options: StoreTypeOptions = {}): (target: StoreClass) => void {
  return (target) => {
    setStoreTypeMetadata(target, { typeName, options });
  };
}
