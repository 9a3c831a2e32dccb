import { StoreConfigurationError } from '../errors/store-configuration-error';
import { registerBuiltInStoreTypes } from './built-in-store-types';
import type { Store } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import {
  getStoreTypeMetadata,
  type StoreClass,
  type StoreFactory,
  type StoreTypeOptions,
} from './store-type-metadata';

interface RegisteredType {
  readonly typeName: string;
  readonly create: StoreFactory;
  readonly aliases: readonly string[];
}

/**
 * The store types a registry can build, by name. Type names and aliases match
 * case-insensitively. Registering a name that exists replaces it, so a user type can replace a
 * built-in one.
 *
 * `register()` takes a factory function or a class: a function whose prototype has a `ping`
 * method is treated as a class and called with `new`.
 * @public
 */
export class StoreTypeRegistry {
  private readonly types = new Map<string, RegisteredType>();
  private readonly aliases = new Map<string, string>();

  /** Creates a registry holding the built-in types. */
  static withBuiltIns(): StoreTypeRegistry {
    const registry = new StoreTypeRegistry();
    registerBuiltInStoreTypes(registry);
    return registry;
  }

  /** Registers a class decorated with `@StoreType`. */
  register(storeClass: StoreClass): this;
  /** Registers a factory or a class under a type name. */
  register(typeName: string, implementation: StoreFactory | StoreClass, options?: StoreTypeOptions): this;
  register(nameOrClass: string | StoreClass, implementation?: StoreFactory | StoreClass, options: StoreTypeOptions = {}): this {
    if (typeof nameOrClass === 'function') {
      const metadata = getStoreTypeMetadata(nameOrClass);
      if (metadata === undefined) {
        throw new TypeError(
          `Class ${nameOrClass.name} has no @StoreType('name') decorator: decorate it or call register('name', ${nameOrClass.name}).`,
        );
      }
      return this.register(metadata.typeName, nameOrClass, metadata.options);
    }

    const typeName = nameOrClass.trim().toLowerCase();
    if (typeName === '' || implementation === undefined) {
      throw new TypeError('StoreTypeRegistry.register() needs a non-empty type name and a factory or class.');
    }

    this.unregister(typeName);
    const aliases = (options.aliases ?? []).map((alias) => alias.trim().toLowerCase());
    this.types.set(typeName, { typeName, create: toFactory(implementation), aliases });
    for (const alias of aliases) {
      this.aliases.set(alias, typeName);
    }
    return this;
  }

  /** Removes a type (by name or alias) and its aliases. Returns whether it existed. */
  unregister(typeName: string): boolean {
    const canonical = this.resolve(typeName);
    if (canonical === undefined) {
      return false;
    }
    const registered = this.types.get(canonical)!;
    for (const alias of registered.aliases) {
      if (this.aliases.get(alias) === canonical) {
        this.aliases.delete(alias);
      }
    }
    return this.types.delete(canonical);
  }

  /** Returns the canonical name of a type name or alias, or `undefined` when unknown. */
  resolve(typeName: string): string | undefined {
    const key = typeName.trim().toLowerCase();
    if (this.types.has(key)) {
      return key;
    }
    return this.aliases.get(key);
  }

  has(typeName: string): boolean {
    return this.resolve(typeName) !== undefined;
  }

  /** Canonical names of the registered types, sorted. */
  names(): string[] {
    return [...this.types.keys()].sort();
  }

  /**
   * Builds a store with the type named in the context (name or alias).
   * @throws StoreConfigurationError when the type is unknown or the factory returns no store.
   */
  create(context: StoreContext): Store {
    const canonical = this.resolve(context.type);
    if (canonical === undefined) {
      throw new StoreConfigurationError(
        `Unknown store type '${context.type}' for store '${context.name}'. Known types: ${this.names().join(', ')}. ` +
          'Register custom types with StoreTypeRegistry.register().',
      );
    }

    const store = this.types.get(canonical)!.create({ ...context, type: canonical });
    if (typeof store !== 'object' || store === null || typeof store.ping !== 'function' || typeof store.close !== 'function') {
      throw new StoreConfigurationError(`The factory of store type '${canonical}' did not return a store (an object with ping() and close()).`);
    }
    return store;
  }
}

function toFactory(implementation: StoreFactory | StoreClass): StoreFactory {
  const prototype = (implementation as { prototype?: { ping?: unknown } }).prototype;
  if (prototype !== undefined && typeof prototype.ping === 'function') {
    const StoreConstructor = implementation as StoreClass;
    return (context: StoreContext): Store => new StoreConstructor(context);
  }
  return implementation as StoreFactory;
}
