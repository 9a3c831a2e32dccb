/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Runs the benchmark sources without a build: `node -r ./register-typescript.cjs file.ts`.
 *
 * The vitest smoke test forks child processes from the TypeScript sources,
 * which plain Node cannot load. This hook compiles each `.ts` file with
 * TypeScript's `transpileModule` (CommonJS, decorators with metadata, as
 * tsconfig.base.json sets them), maps the workspace packages to their
 * sources through the `paths` of the root tsconfig.json, and lets a `.js`
 * path whose file is missing load its `.ts` source, as the compiled
 * layout would. A built benchmark never loads it.
 *
 * Compiled files are cached under the system temporary directory, keyed by
 * path, size and modification time, so that the many child processes of a
 * run load TypeScript itself only for files that changed.
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const repositoryRoot = resolve(__dirname, '..', '..');
const cacheDirectory = join(tmpdir(), 'bvw-bench-typescript-cache');

/** Bump when the compiler options change, so that older cached output is not reused. */
const CACHE_VERSION = 1;

let typescript;

function compilerOptions(ts) {
  return {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    useDefineForClassFields: false,
    inlineSourceMap: true,
  };
}

/** Compiles one file, or returns its cached output. */
function compile(filename) {
  const { size, mtimeMs } = statSync(filename);
  const key = createHash('sha256').update(`${CACHE_VERSION}\0${filename}\0${size}\0${mtimeMs}`).digest('hex');
  const cached = join(cacheDirectory, `${key}.js`);

  if (existsSync(cached)) {
    return readFileSync(cached, 'utf8');
  }

  typescript ??= require('typescript');

  const output = typescript.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: compilerOptions(typescript), fileName: filename }).outputText;

  mkdirSync(cacheDirectory, { recursive: true });
  // A unique temporary name keeps a concurrent reader from seeing half a file.
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, output);
  renameSync(partial, cached);

  return output;
}

/** Workspace package names mapped to their `src/index.ts`, read from the root tsconfig.json. */
function readWorkspacePaths() {
  const tsconfig = JSON.parse(readFileSync(join(repositoryRoot, 'tsconfig.json'), 'utf8'));
  const paths = tsconfig.compilerOptions.paths ?? {};
  const mapped = new Map();

  for (const [name, targets] of Object.entries(paths)) {
    mapped.set(name, join(repositoryRoot, targets[0]));
  }

  return mapped;
}

const workspacePaths = readWorkspacePaths();
const resolveFilename = Module._resolveFilename;
const findPath = Module._findPath;

Module._resolveFilename = function resolveWorkspaceSource(request, ...rest) {
  const source = workspacePaths.get(request);

  return resolveFilename.call(this, source ?? request, ...rest);
};

Module._findPath = function findTypeScriptSource(request, paths, isMain) {
  const found = findPath.call(this, request, paths, isMain);

  if (found === false && request.endsWith('.js')) {
    const absolute = resolve(request);
    const source = `${absolute.slice(0, -'.js'.length)}.ts`;

    if (existsSync(source)) {
      return source;
    }
  }

  return found;
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(compile(filename), filename);
};
