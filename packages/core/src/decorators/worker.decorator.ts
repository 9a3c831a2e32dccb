import 'reflect-metadata';
import { injectable } from 'tsyringe';

import type { WorkerOptions } from '../workers/worker-options';
import { metadataKeys } from './metadata-keys';

/** What `@Worker` records on a class. @internal */
export interface WorkerMetadata {
  readonly name: unknown;
  readonly options: unknown;
}

/**
 * Declares a class as the handler of one activity. The class needs a
 * `handle(input, task)` method; its constructor parameters are injected from
 * the application container.
 *
 * Only records metadata: the application reads and checks it at start.
 *
 * @param name - Activity name, prefixed with `stepFunctions__EnvironmentName` when
 *   the activity is created. 1 to 80 letters, digits, `-` or `_`.
 * @param options - Settings that override the application's defaults for this worker.
 *
 * @example
 * ```ts
 * @Worker('csv_import', { concurrency: 4, heartbeatSeconds: 10 })
 * export class CsvImportWorker { async handle(input: unknown) { ... } }
 * ```
 *
 * @public
 */
export function Worker(name: string, options?: WorkerOptions): ClassDecorator {
  return (target) => {
    const metadata: WorkerMetadata = { name, options };
    Reflect.defineMetadata(metadataKeys.worker, metadata, target);
    injectable()(target as unknown as new (...args: never[]) => unknown);
  };
}

/**
 * Returns what `@Worker` recorded on exactly this class (not on a base class),
 * or undefined.
 *
 * @internal
 */
export function getWorkerMetadata(target: object): WorkerMetadata | undefined {
  return Reflect.getOwnMetadata(metadataKeys.worker, target) as WorkerMetadata | undefined;
}
