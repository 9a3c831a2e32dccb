/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file loaded by plain Node.js, before any TypeScript loader exists */
// Lets a child Node.js process require the TypeScript sources directly, as the
// vitest aliases do for the tests: `.ts` files are transpiled on load with the
// repository's decorator settings, and `@bevault-workers/<name>` resolves to
// `packages/<name>/src/index.ts`.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const packagesRoot = join(__dirname, '..', '..', '..', '..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspacePackage(request, ...rest) {
  const match = /^@bevault-workers\/([a-z-]+)$/.exec(request);
  const target = match ? join(packagesRoot, match[1], 'src', 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
