import { runExample } from './run-example';
import { UsageError } from './cli/arguments';

runExample({ argv: process.argv.slice(2) }).then(
  (result) => {
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
