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
 */
const { readFileSync, existsSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const ts = require('typescript');

const repositoryRoot = resolve(__dirname, '..', '..');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  inlineSourceMap: true,
};

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
  const source = readFileSync(filename, 'utf8');
  const output = ts.transpileModule(source, { compilerOptions, fileName: filename });

  module._compile(output.outputText, filename);
};
