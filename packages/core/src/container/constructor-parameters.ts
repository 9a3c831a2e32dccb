import 'reflect-metadata';

import type { Constructor } from '../workers/constructor';

/** One constructor parameter as the container will resolve it. @internal */
export interface ConstructorParameter {
  readonly index: number;
  /** Token from `@Inject`/`@InjectStore`, else the emitted design type; undefined when neither exists. */
  readonly token: unknown;
  /** True when `@Inject` or `@InjectStore` set the token. */
  readonly explicit: boolean;
  /** True for `@inject(token, { isOptional: true })`. */
  readonly optional: boolean;
  /** True for `@injectAll(token)`. */
  readonly multiple: boolean;
}

/** Key under which tsyringe's `@inject` records parameter tokens (tsyringe 4). */
const injectionTokensKey = 'injectionTokens';

/**
 * Lists the constructor parameters of a class from the metadata TypeScript
 * emits (`design:paramtypes`) and the tokens `@Inject` recorded. Returns
 * undefined when the class has parameters but no emitted types, because no
 * decorator was applied to it or it was compiled without
 * `emitDecoratorMetadata`.
 *
 * @internal
 */
export function readConstructorParameters(target: Constructor): ConstructorParameter[] | undefined {
  const designTypes = Reflect.getOwnMetadata('design:paramtypes', target) as unknown[] | undefined;
  const descriptors = (Reflect.getOwnMetadata(injectionTokensKey, target) as Record<number, unknown> | undefined) ?? {};

  const explicitIndexes = Object.keys(descriptors).map(Number);
  const count = Math.max(target.length, designTypes?.length ?? 0, ...explicitIndexes.map((index) => index + 1));
  if (count === 0) {
    return [];
  }

  if (designTypes === undefined && explicitIndexes.length < count) {
    return undefined;
  }

  const parameters: ConstructorParameter[] = [];
  for (let index = 0; index < count; index += 1) {
    const descriptor = descriptors[index];
    if (descriptor === undefined) {
      parameters.push({ index, token: designTypes?.[index], explicit: false, optional: false, multiple: false });
    } else if (isTokenDescriptor(descriptor)) {
      parameters.push({
        index,
        token: descriptor.token,
        explicit: true,
        optional: descriptor.isOptional === true,
        multiple: descriptor.multiple === true,
      });
    } else {
      parameters.push({ index, token: descriptor, explicit: true, optional: false, multiple: false });
    }
  }

  return parameters;
}

function isTokenDescriptor(value: unknown): value is { token: unknown; multiple?: boolean; isOptional?: boolean } {
  return value !== null && typeof value === 'object' && 'token' in value;
}
