/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by Node.js before any TypeScript loader exists */
// Lets a child Node.js process run the workspace's TypeScript sources, as the
// vitest aliases do for the tests: `@bevault-workers/<name>` resolves to
// `packages/<name>/src/index.ts`, and `.ts` files are transpiled on load with
// the repository's decorator settings.
//
// Each transpiled file is cached on disk under its source's SHA-1, so the
// many child processes of the suite start in about a second instead of
// transpiling the whole framework every time.
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const packagesRoot = join(__dirname, '..', '..', '..');
const cacheDirectory = join(tmpdir(), 'bevault-reliability-ts-cache');
// Part of every cache key: a new TypeScript version or new compiler options invalidate the cache.
const cacheVersion = `v1 typescript ${require('typescript/package.json').version}`;

let typescript;
let compilerOptions;

function loadCompiler() {
  typescript ??= require('typescript');
  compilerOptions ??= {
    module: typescript.ModuleKind.CommonJS,
    target: typescript.ScriptTarget.ES2022,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    useDefineForClassFields: false,
    esModuleInterop: true,
    inlineSourceMap: true,
  };
  return typescript;
}

function transpile(source, filename) {
  const key = createHash('sha1').update(cacheVersion).update(filename).update(source).digest('hex');
  const cached = join(cacheDirectory, `${key}.js`);

  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }

  const compiler = loadCompiler();
  const { outputText } = compiler.transpileModule(source, { compilerOptions, fileName: filename });

  // Written under a unique name, then renamed, so concurrent children never read half a file.
  mkdirSync(cacheDirectory, { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);

  return outputText;
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspacePackage(request, ...rest) {
  const match = /^@bevault-workers\/([a-z-]+)$/.exec(request);
  const target = match ? join(packagesRoot, match[1], 'src', 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(transpile(readFileSync(filename, 'utf8'), filename), filename);
};
