import 'reflect-metadata';

import type { Constructor } from '../workers/constructor';
import { metadataKeys } from './metadata-keys';

/**
 * Declares the class of a worker's task input. The task input JSON is turned
 * into an instance of `inputClass` with class-transformer and checked with
 * class-validator before `handle` runs; an invalid input fails the task with
 * `Worker.InvalidInput`. A worker without `@Input` receives the parsed JSON.
 *
 * Only records metadata. Import the class as a value (`import { MyInput }`),
 * never with `import type`, which leaves nothing to record.
 *
 * @public
 */
export function Input(inputClass: Constructor<object>): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(metadataKeys.input, { inputClass }, target);
  };
}

/**
 * Returns what `@Input` recorded on exactly this class: `{ inputClass }`, where
 * `inputClass` is whatever was passed (checked later), or undefined when the
 * class has no `@Input`.
 *
 * @internal
 */
export function getInputMetadata(target: object): { readonly inputClass: unknown } | undefined {
  return Reflect.getOwnMetadata(metadataKeys.input, target) as { inputClass: unknown } | undefined;
}
