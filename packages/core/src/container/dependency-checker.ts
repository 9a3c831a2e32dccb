import type { DependencyContainer, InjectionToken } from 'tsyringe';

import { isInjectableClass } from '../decorators/injectable.decorator';
import { getInjectedStores } from '../decorators/inject-store.decorator';
import type { StoreKind } from '../decorators/store-ref.decorator';
import type { DependencyProblem } from '../errors/dependency-resolution-error';
import type { StoreSource } from '../injection/store-source';
import { storeNameOfToken } from '../injection/store-token';
import type { Constructor } from '../workers/constructor';
import { readConstructorParameters, type ConstructorParameter } from './constructor-parameters';
import { describeToken } from './describe-token';

/** Design types TypeScript emits for interfaces, type aliases, unions and primitives. */
const erasedTypes = new Set<unknown>([Object, String, Number, Boolean, Symbol, BigInt, Array, Function, Promise]);

/** Callbacks through which the checker makes a store or an `@Injectable()` class resolvable. @internal */
export interface DependencyRegistrar {
  registerStore(name: string): void;
  /**
   * Called for a store name that no definition has. Returns true when the
   * store may still arrive from States, so that the name is registered anyway.
   */
  acceptUndefinedStore?(name: string): boolean;
  registerInjectable(target: Constructor): void;
  /** The class a registered token is built from, if it is built from a class. */
  classOf(token: unknown): Constructor | undefined;
}

/**
 * Walks the constructors of workers and providers, and of the classes they
 * need, and records every parameter the container could not resolve, with the
 * class, the parameter index, the token and the fix. Registers the stores named
 * by `@InjectStore` and the `@Injectable()` classes it meets along the way.
 *
 * @internal
 */
export class DependencyChecker {
  readonly problems: DependencyProblem[] = [];
  private readonly checked = new Set<Constructor>();

  constructor(
    private readonly container: DependencyContainer,
    private readonly stores: StoreSource,
    private readonly registrar: DependencyRegistrar,
  ) {}

  /** Checks a class and, depth first, the classes it needs. */
  checkClass(target: Constructor, path: readonly Constructor[] = []): void {
    if (path.includes(target)) {
      const cycle = [...path.slice(path.indexOf(target)), target].map((step) => step.name).join(' → ');
      this.problems.push({
        className: target.name,
        parameterIndex: undefined,
        token: target.name,
        message: `Circular dependency: ${cycle}. Break the cycle, for example by injecting with @Inject(delay(() => ${target.name})) from tsyringe.`,
      });
      return;
    }

    if (this.checked.has(target)) {
      return;
    }
    this.checked.add(target);

    const parameters = readConstructorParameters(target);
    if (parameters === undefined) {
      this.problems.push({
        className: target.name,
        parameterIndex: undefined,
        token: undefined,
        message:
          `Class ${target.name} has ${target.length} constructor parameter(s) but no type metadata. ` +
          'Decorate it with @Injectable() (or @Worker for a worker) and compile with "emitDecoratorMetadata": true.',
      });
      return;
    }

    if (parameters.length > 0 && !isInjectableClass(target)) {
      this.problems.push({
        className: target.name,
        parameterIndex: undefined,
        token: undefined,
        message: `Class ${target.name} has constructor parameters but no @Injectable() decorator. Add @Injectable() from @bevault-workers/core to the class.`,
      });
      return;
    }

    for (const parameter of parameters) {
      this.checkParameter(target, parameters, parameter, [...path, target]);
    }
  }

  /** Checks the tokens a factory provider passes to its factory. */
  checkFactoryTokens(provided: InjectionToken, tokens: readonly InjectionToken[]): void {
    for (const [index, token] of tokens.entries()) {
      if (!this.isResolvable(token, [])) {
        this.problems.push({
          className: `factory of ${describeToken(provided)}`,
          parameterIndex: index,
          token: describeToken(token),
          message: `Cannot resolve inject[${index}] of the factory provider for ${describeToken(provided)}: ${describeToken(token)} is not registered. ${registrationHint(token)}`,
        });
      }
    }
  }

  /** Checks that the target of a `useExisting` provider is registered. */
  checkAlias(provided: InjectionToken, target: InjectionToken): void {
    if (!this.isResolvable(target, [])) {
      this.problems.push({
        className: `alias ${describeToken(provided)}`,
        parameterIndex: undefined,
        token: describeToken(target),
        message: `The provider ${describeToken(provided)} uses the existing ${describeToken(target)}, which is not registered. ${registrationHint(target)}`,
      });
    }
  }

  private checkParameter(owner: Constructor, parameters: readonly ConstructorParameter[], parameter: ConstructorParameter, path: readonly Constructor[]): void {
    const { token, index } = parameter;
    const fail = (reason: string, fix: string): void => {
      this.problems.push({
        className: owner.name,
        parameterIndex: index,
        token: describeToken(token),
        message: `Cannot resolve parameter ${index} of ${signature(owner, parameters, index)}${requiredBy(path)}: ${reason} ${fix}`,
      });
    };

    const storeName = storeNameOfToken(token);
    if (storeName !== undefined) {
      this.checkStore(storeName, getInjectedStores(owner)[index]?.kind ?? 'any', fail);
      return;
    }

    if (token === undefined || token === null) {
      fail(
        'its type is undefined at run time.',
        'This happens with a circular import, or when the class was imported with "import type": import it as a value, or break the cycle with @Inject(delay(() => TheClass)) from tsyringe.',
      );
      return;
    }

    if (!parameter.explicit && erasedTypes.has(token)) {
      fail(
        `its type is emitted as ${describeToken(token)} (an interface, a type alias, a union or a primitive), which cannot be injected by type.`,
        "Add @Inject(TOKEN) with a token registered in the providers, or @InjectStore('name') for a store.",
      );
      return;
    }

    if (parameter.optional || this.isResolvable(token, path)) {
      return;
    }

    fail(`${describeToken(token)} is not registered.`, registrationHint(token));
  }

  private isResolvable(token: unknown, path: readonly Constructor[]): boolean {
    if (this.container.isRegistered(token as InjectionToken, true)) {
      const registeredClass = this.registrar.classOf(token);
      if (registeredClass !== undefined && path.length > 0) {
        this.checkClass(registeredClass, path);
      }
      return true;
    }

    if (typeof token === 'function' && isInjectableClass(token)) {
      this.registrar.registerInjectable(token as Constructor);
      this.checkClass(token as Constructor, path);
      return true;
    }

    return false;
  }

  private checkStore(storeName: string, kind: StoreKind, fail: (reason: string, fix: string) => void): void {
    if (!this.stores.has(storeName) && this.registrar.acceptUndefinedStore?.(storeName) === true) {
      this.registrar.registerStore(storeName);
      return;
    }

    if (!this.stores.has(storeName)) {
      const names = this.stores.names();
      const defined = names.length === 0 ? 'none' : names.map((name) => `'${name}'`).join(', ');
      fail(
        `store '${storeName}' is not defined (defined stores: ${defined}).`,
        'Define it in config.json, the STORE_CONFIG environment variable or States; names match case-insensitively.',
      );
      return;
    }

    const reason = findFailure(this.stores.failures(), storeName);
    if (reason !== undefined) {
      fail(`store '${storeName}' could not be built: ${reason}`, 'Fix its definition; the other stores keep working.');
      return;
    }

    const store = this.stores.get(storeName);
    if (kind !== 'any' && store.kind !== kind) {
      fail(
        `@InjectStore asks for a ${kind} store, but store '${store.name}' is a ${store.kind} store (type ${store.type}).`,
        `Inject a ${kind} store, or change the kind option of @InjectStore and the parameter's type to match the store.`,
      );
      return;
    }

    this.registrar.registerStore(storeName);
  }
}

function findFailure(failures: ReadonlyMap<string, string>, storeName: string): string | undefined {
  for (const [name, reason] of failures) {
    if (name.toLowerCase() === storeName.toLowerCase()) {
      return reason;
    }
  }

  return undefined;
}

function signature(owner: Constructor, parameters: readonly ConstructorParameter[], failing: number): string {
  const shown = parameters.map((parameter) => (parameter.index === failing ? '?' : describeToken(parameter.token)));
  return `${owner.name}(${shown.join(', ')})`;
}

function requiredBy(path: readonly Constructor[]): string {
  return path.length > 1 ? ` (required by ${path.map((step) => step.name).join(' → ')})` : '';
}

function registrationHint(token: unknown): string {
  if (typeof token === 'function') {
    return `Add ${token.name} to the providers of the application, or decorate the class ${token.name} with @Injectable().`;
  }

  return `Add { provide: ${describeToken(token)}, useValue: ... } (or useClass, useFactory) to the providers of the application.`;
}
