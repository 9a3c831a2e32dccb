/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS entry point of the child process */
// Entry point of the suite's child process: installs the TypeScript loader,
// then runs the worker application from its sources.
require('../child/register-typescript.cjs');
require('./reliability-app.ts');
