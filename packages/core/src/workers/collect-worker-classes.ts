import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

import { getWorkerMetadata } from '../decorators/worker.decorator';
import { WorkerDefinitionError } from '../errors/worker-definition-error';
import type { Constructor } from './constructor';
import { describeValue } from './describe-value';

/**
 * Where worker classes come from: a list of classes, a folder whose modules
 * are loaded, or the exports of a module that is already loaded.
 *
 * @public
 */
export type WorkerSource = ReadonlyArray<Constructor> | string | object;

const loadableExtensions = new Set(['.js', '.cjs', '.ts', '.cts']);
const skippedFile = /\.(d|test|spec)\.[cm]?[jt]s$/;

/**
 * Collects the worker classes of a source, like the Python library's
 * `workers_module`:
 * - a list of classes is returned as given (each is checked later);
 * - a folder path (absolute, or relative to the working directory) has each
 *   `.js`, `.cjs`, `.ts` and `.cts` file directly inside it loaded with
 *   `require`, skipping `.d.ts`, `.test.*` and `.spec.*` files, and every
 *   exported class decorated with `@Worker` is collected; a path to one file
 *   loads that file;
 * - a module's exports object (`import * as workers from './workers'`) gives
 *   its exported `@Worker` classes.
 *
 * Loading `.ts` files needs a TypeScript loader in the process (tsx, ts-node);
 * a built application points at its compiled folder.
 *
 * @throws {@link WorkerDefinitionError} when the folder is missing, a module
 *   fails to load, or a folder or module exports no `@Worker` class.
 * @public
 */
export function collectWorkerClasses(source: WorkerSource): Constructor[] {
  if (Array.isArray(source)) {
    return [...new Set(source as readonly Constructor[])];
  }

  if (typeof source === 'string') {
    return collectFromPath(source);
  }

  if (source !== null && typeof source === 'object') {
    const classes = workerClassesOf(source);
    if (classes.length === 0) {
      throw new WorkerDefinitionError(
        `The module passed as workers exports no class decorated with @Worker (exports: ${describeExports(source)}). Export the worker classes from it.`,
      );
    }

    return classes;
  }

  throw new WorkerDefinitionError(
    `Expected workers to be a list of classes, a folder path or a module, got ${describeValue(source)}.`,
  );
}

function collectFromPath(path: string): Constructor[] {
  const absolute = resolve(path);
  const files = listModuleFiles(absolute);

  const classes: Constructor[] = [];
  for (const file of files) {
    classes.push(...workerClassesOf(loadModule(file)));
  }

  if (classes.length === 0) {
    throw new WorkerDefinitionError(
      `No class decorated with @Worker is exported by the ${files.length} module(s) loaded from ${absolute}. ` +
        'Check that the path points at the worker modules (the compiled folder when running built code) and that they export their classes.',
    );
  }

  return [...new Set(classes)];
}

function listModuleFiles(absolute: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new WorkerDefinitionError(`Workers folder ${absolute} was not found. Pass an existing folder, absolute or relative to the working directory.`, {
      cause: error,
    });
  }

  if (!isDirectory) {
    return [absolute];
  }

  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.isFile() && loadableExtensions.has(extname(entry.name)) && !skippedFile.test(entry.name))
    .map((entry) => join(absolute, entry.name))
    .sort();
}

function loadModule(file: string): object {
  try {
    return createRequire(file)(file) as object;
  } catch (error) {
    throw new WorkerDefinitionError(`Loading worker module ${file} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

function workerClassesOf(moduleExports: object): Constructor[] {
  const candidates = [moduleExports, ...Object.values(moduleExports)];
  const defaultExport = (moduleExports as { default?: unknown }).default;
  if (defaultExport !== null && typeof defaultExport === 'object') {
    candidates.push(...Object.values(defaultExport));
  }

  const classes = candidates.filter(
    (candidate): candidate is Constructor => typeof candidate === 'function' && getWorkerMetadata(candidate) !== undefined,
  );
  return [...new Set(classes)];
}

function describeExports(moduleExports: object): string {
  const names = Object.keys(moduleExports);
  return names.length === 0 ? 'none' : names.join(', ');
}
