import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import * as core from '../../src/index';
import { Worker, WorkerDefinitionError, collectWorkerClasses, readWorkerDefinitions } from '../../src/index';
import { catchError } from '../helpers/catch-error';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Worker modules written to disk and loaded with Node's own `require`. Node 20
 * cannot require the TypeScript sources of this package, so the modules take
 * the decorators from a global the test sets to this package's exports.
 */
const workerModule = (activity: string, className: string): string => `
const { Worker } = globalThis.__bevaultCoreForTests;
class ${className} { handle(input) { return input; } }
Worker('${activity}')(${className});
class NotAWorker {}
module.exports = { ${className}, NotAWorker, helper: () => 1 };
`;

@Worker('listed')
class ListedWorker {
  handle(): void {}
}

describe(collectWorkerClasses.name, () => {
  const tempDir = useTempDirs();

  beforeEach(() => {
    (globalThis as Record<string, unknown>).__bevaultCoreForTests = core;
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__bevaultCoreForTests;
  });

  it('returns a list of classes as given, without repeats', () => {
    expect(collectWorkerClasses([ListedWorker, ListedWorker])).toEqual([ListedWorker]);
  });

  it('collects the @Worker classes of a module exports object', () => {
    const moduleExports = { ListedWorker, helper: () => 1, value: 3 };
    expect(collectWorkerClasses(moduleExports)).toEqual([ListedWorker]);
  });

  it('loads every module of a folder and keeps its @Worker classes', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'import.js'), workerModule('csv_import', 'ImportWorker'));
    writeFileSync(join(folder, 'export.cjs'), workerModule('csv_export', 'ExportWorker'));
    writeFileSync(join(folder, 'import.test.js'), 'throw new Error("test files are not loaded");');
    writeFileSync(join(folder, 'types.d.ts'), 'throw new Error("declaration files are not loaded");');
    writeFileSync(join(folder, 'notes.md'), '# not a module');
    mkdirSync(join(folder, 'nested'));
    writeFileSync(join(folder, 'nested', 'deep.js'), 'throw new Error("sub-folders are not loaded");');

    const classes = collectWorkerClasses(folder);

    expect(classes.map((workerClass) => workerClass.name)).toEqual(['ExportWorker', 'ImportWorker']);
    expect(readWorkerDefinitions(classes).map((definition) => definition.name)).toEqual(['csv_export', 'csv_import']);
  });

  it('loads a single module file', () => {
    const folder = tempDir();
    const file = join(folder, 'one.js');
    writeFileSync(file, workerModule('one', 'OneWorker'));

    expect(collectWorkerClasses(file).map((workerClass) => workerClass.name)).toEqual(['OneWorker']);
  });

  it('rejects a missing folder', () => {
    const missing = join(tempDir(), 'missing');
    expect(() => collectWorkerClasses(missing)).toThrow(
      new WorkerDefinitionError(`Workers folder ${missing} was not found. Pass an existing folder, absolute or relative to the working directory.`),
    );
  });

  it('rejects a folder without workers', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'helper.js'), 'module.exports = { helper: () => 1 };');

    expect(() => collectWorkerClasses(folder)).toThrow(
      `No class decorated with @Worker is exported by the 1 module(s) loaded from ${folder}. ` +
        'Check that the path points at the worker modules (the compiled folder when running built code) and that they export their classes.',
    );
  });

  it('names the module that fails to load', () => {
    const folder = tempDir();
    const file = join(folder, 'broken.js');
    writeFileSync(file, 'throw new Error("database URL missing");');

    const error = catchError(() => collectWorkerClasses(folder), WorkerDefinitionError);
    expect(error.message).toBe(`Loading worker module ${file} failed: database URL missing`);
    expect((error.cause as Error).message).toBe('database URL missing');
  });

  it('rejects a module without workers', () => {
    expect(() => collectWorkerClasses({ helper: () => 1 })).toThrow(
      'The module passed as workers exports no class decorated with @Worker (exports: helper). Export the worker classes from it.',
    );
  });

  it('rejects other values', () => {
    expect(() => collectWorkerClasses(42 as never)).toThrow('Expected workers to be a list of classes, a folder path or a module, got number.');
  });
});
