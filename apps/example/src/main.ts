// Imported first, so the setting is in place before any SDK client is created.
import './bootstrap/silence-sdk-node-warning';
import { runExample } from './run-example';
import { UsageError } from './cli/arguments';

/** Formats an error and its causes, one per line, without stack traces (set LOG_LEVEL=debug for those). */
function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (process.env.LOG_LEVEL === 'debug' && current instanceof Error && current.stack !== undefined) {
      lines.push(current.stack);
    } else {
      lines.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\nCaused by: ');
}

runExample({ argv: process.argv.slice(2) }).then(
  (result) => {
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : describeError(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
