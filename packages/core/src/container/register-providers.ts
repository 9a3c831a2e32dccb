import { Lifecycle, instanceCachingFactory, type DependencyContainer, type InjectionToken } from 'tsyringe';

import { DependencyResolutionError } from '../errors/dependency-resolution-error';
import type { Constructor } from '../workers/constructor';
import { describeValue, isClass } from '../workers/describe-value';
import type { DependencyChecker } from './dependency-checker';
import { describeToken } from './describe-token';
import type { ClassProvider, ExistingProvider, FactoryProvider, Provider, ValueProvider } from './provider';

/**
 * Registers each provider in the container: classes and `useClass` as
 * singletons, `useFactory` as a factory called once, `useValue` as is, and
 * `useExisting` as an alias. Returns the classes to check and the checks to
 * run once everything is registered.
 *
 * @throws {@link DependencyResolutionError} for a provider of an unknown shape.
 * @internal
 */
export function registerProviders(container: DependencyContainer, providers: readonly Provider[]): ProviderChecks {
  const classes = new Map<InjectionToken, Constructor>();
  const deferred: Array<(checker: DependencyChecker) => void> = [];

  for (const [index, provider] of providers.entries()) {
    if (isClass(provider)) {
      container.register(provider, { useClass: provider }, { lifecycle: Lifecycle.Singleton });
      classes.set(provider, provider as Constructor);
    } else if (hasKey<ValueProvider>(provider, 'useValue')) {
      container.register(provider.provide, { useValue: provider.useValue });
    } else if (hasKey<ClassProvider>(provider, 'useClass') && isClass(provider.useClass)) {
      container.register(provider.provide, { useClass: provider.useClass }, { lifecycle: Lifecycle.Singleton });
      classes.set(provider.provide, provider.useClass);
    } else if (hasKey<FactoryProvider>(provider, 'useFactory') && typeof provider.useFactory === 'function') {
      registerFactory(container, provider);
      const tokens = provider.inject ?? [];
      deferred.push((checker) => checker.checkFactoryTokens(provider.provide, tokens));
    } else if (hasKey<ExistingProvider>(provider, 'useExisting')) {
      container.register(provider.provide, { useToken: provider.useExisting });
      deferred.push((checker) => checker.checkAlias(provider.provide, provider.useExisting));
    } else {
      throw invalidProvider(index, provider);
    }
  }

  return { classes, runDeferredChecks: (checker) => deferred.forEach((check) => check(checker)) };
}

/** @internal */
export interface ProviderChecks {
  /** Classes registered by the providers, by the token they are registered under. */
  readonly classes: ReadonlyMap<InjectionToken, Constructor>;
  /** Checks factory and alias tokens, once every provider is registered. */
  runDeferredChecks(checker: DependencyChecker): void;
}

function registerFactory(container: DependencyContainer, provider: FactoryProvider): void {
  const tokens = provider.inject ?? [];
  const factory = provider.useFactory as (...dependencies: unknown[]) => unknown;

  container.register(provider.provide, {
    useFactory: instanceCachingFactory((resolver) => factory(...tokens.map((token) => resolver.resolve(token)))),
  });
}

function hasKey<T extends object>(value: unknown, key: keyof T & string): value is T {
  return value !== null && typeof value === 'object' && key in value && 'provide' in value && isToken((value as { provide: unknown }).provide);
}

function isToken(value: unknown): value is InjectionToken {
  return typeof value === 'string' || typeof value === 'symbol' || typeof value === 'function';
}

function invalidProvider(index: number, provider: unknown): DependencyResolutionError {
  const provide = provider !== null && typeof provider === 'object' && 'provide' in provider ? ` for ${describeToken(provider.provide)}` : '';

  return new DependencyResolutionError([
    {
      className: `providers[${index}]`,
      parameterIndex: undefined,
      token: undefined,
      message:
        `providers[${index}]${provide} is ${describeValue(provider)} of an unknown shape. ` +
        'Pass a class, or { provide: token, useValue | useClass | useFactory | useExisting } where the token is a class, a string or a symbol.',
    },
  ]);
}
