import type { Constructor, Provider, ValueProvider } from '@bevault-workers/core';

/**
 * Token a provider is registered under: a class, a string or a symbol.
 *
 * @public
 */
export type ProviderToken = ValueProvider['provide'];

/**
 * The second half of `overrideProvider(token)`: sets what the container
 * provides for `token` in the testing app. The provider registered for
 * `token` is dropped (its constructor is never checked nor called), so a
 * replaced class may need things the test does not have. Each method returns
 * the builder, for chaining.
 *
 * @public
 */
export class ProviderOverride<Builder> {
  /** @internal */
  constructor(
    private readonly token: ProviderToken,
    private readonly apply: (provider: Provider) => Builder,
  ) {}

  /** Provides `value` as is (a fake, a spy, a fixed clock). */
  useValue(value: unknown): Builder {
    return this.apply({ provide: this.token, useValue: value });
  }

  /** Provides an instance of `replacement`, created once; its constructor parameters are injected. */
  useClass(replacement: Constructor): Builder {
    return this.apply({ provide: this.token, useClass: replacement });
  }

  /**
   * Provides what `factory` returns, called once with the values of the `inject` tokens.
   * @param inject - Tokens whose values are passed to `factory`, in order. @defaultValue []
   */
  useFactory(factory: (...dependencies: never[]) => unknown, inject: readonly ProviderToken[] = []): Builder {
    return this.apply({ provide: this.token, useFactory: factory, inject });
  }
}

/**
 * Returns the token a provider registers: the class itself, or its `provide`.
 *
 * @internal
 */
export function tokenOf(provider: Provider): unknown {
  return typeof provider === 'function' ? provider : provider.provide;
}

/**
 * Replaces, in `providers`, every provider of an overridden token by its
 * override, and appends the overrides of tokens no provider registers (an
 * `@Injectable()` class found through a constructor, `WORKER_LOGGER`...).
 *
 * @internal
 */
export function applyProviderOverrides(providers: readonly Provider[], overrides: ReadonlyMap<unknown, Provider>): Provider[] {
  return [...providers.filter((provider) => !overrides.has(tokenOf(provider))), ...overrides.values()];
}
