import 'reflect-metadata';
import { injectable } from 'tsyringe';

import { metadataKeys } from './metadata-keys';

/**
 * Marks a class as a provider whose constructor parameters are injected. A
 * class marked `@Injectable()` that a worker needs is registered in the
 * application container as a singleton even when it is not listed in
 * `providers`.
 *
 * @public
 */
export function Injectable(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(metadataKeys.injectable, true, target);
    injectable()(target as unknown as new (...args: never[]) => unknown);
  };
}

/**
 * Tells whether `@Injectable()` or `@Worker` was applied to exactly this class.
 *
 * @internal
 */
export function isInjectableClass(target: object): boolean {
  return Reflect.hasOwnMetadata(metadataKeys.injectable, target) || Reflect.hasOwnMetadata(metadataKeys.worker, target);
}
