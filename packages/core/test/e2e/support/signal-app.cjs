/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file loaded by plain Node.js, before any TypeScript loader exists */
// Child process of the signal tests: starts a WorkerApplication that handles
// SIGINT and SIGTERM itself, against the endpoint in STATES_URL.
require('./register-ts.cjs');
require('./signal-app-main.ts');
