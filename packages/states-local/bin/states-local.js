#!/usr/bin/env node
'use strict';

// Entry point of the `states-local` command. It is committed, unlike dist, so package managers
// can link the command at install time, before the first build compiles the CLI into dist.
try {
  require.resolve('../dist/cli/main.js');
} catch {
  process.stderr.write('states-local: dist/cli/main.js not found. Build the package first: run `pnpm build` at the workspace root.\n');
  process.exit(1);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli/main.js');
