#!/usr/bin/env node
import { runCli } from './run-cli';

runCli(process.argv.slice(2), { output: console, signals: process }).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(`states-local: failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
