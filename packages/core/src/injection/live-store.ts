import type { Store, StoreLookup } from '@bevault-workers/stores';

/**
 * Creates the object injected for `@InjectStore(name)`: it forwards every
 * property and method to the store named `name` in the lookup `current()`
 * returns at that moment (the running task's snapshot, or the registry). Store
 * definitions replaced at run time are therefore picked up by the next task,
 * while a running task keeps the store it started with. `instanceof` checks
 * see the store's class.
 *
 * @internal
 */
export function createLiveStore(name: string, current: () => StoreLookup): Store {
  const resolve = (): Store => current().get(name);

  return new Proxy({} as Store, {
    get(_target, property) {
      const store = resolve();
      const value: unknown = Reflect.get(store, property, store);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(store) : value;
    },
    set(_target, property, value) {
      return Reflect.set(resolve(), property, value);
    },
    has(_target, property) {
      return Reflect.has(resolve(), property);
    },
    ownKeys() {
      return Reflect.ownKeys(resolve());
    },
    getOwnPropertyDescriptor(_target, property) {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), property);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    getPrototypeOf() {
      return Reflect.getPrototypeOf(resolve());
    },
  });
}
