import { parseArgs } from 'node:util';

/** Command-line options of the example app. */
export interface ExampleArguments {
  /** Keep the workers running (until SIGINT or SIGTERM) instead of exiting after the execution. */
  readonly serve: boolean;
  /** Run one execution even when a service URL points at States or AWS. */
  readonly run: boolean;
  /** Gzip the CSV export. */
  readonly compress: boolean;
  /** Number of states in the result. */
  readonly top: number;
  /** Name of the database store that receives the airports table. */
  readonly warehouse: string;
  readonly help: boolean;
}

/** Text printed by `--help`. */
export const USAGE = `Usage: pnpm start -- [options]   (or: node apps/example/dist/main.js [options])

Without stepFunctions__serviceUrl, starts Local States in this process, runs one
execution of the airports workflow, prints its output and exits. With it, only
registers the activities there and serves them.

Options:
  --serve          keep the workers running after the execution (until Ctrl+C)
  --run            run one execution even against the configured service
  --compress       gzip the CSV export
  --top <count>    number of states in the result, from 1 to 100 (default 10)
  --warehouse <store>
                   database store that receives the airports table (default warehouse)
  --help           print this text
`;

/** Thrown when the command line is invalid. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Parses the command-line options. A bare `--` (as `pnpm start -- --serve`
 * passes it) is ignored.
 *
 * @throws {@link UsageError} on an unknown option or an invalid value.
 */
export function parseExampleArguments(argv: readonly string[]): ExampleArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((argument) => argument !== '--'),
      options: {
        serve: { type: 'boolean', default: false },
        run: { type: 'boolean', default: false },
        compress: { type: 'boolean', default: false },
        top: { type: 'string', default: '10' },
        warehouse: { type: 'string', default: 'warehouse' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`, { cause: error });
  }

  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) {
    throw new UsageError(`--top must be a whole number from 1 to 100, got ${JSON.stringify(values.top)}`);
  }

  if (values.warehouse.trim() === '') {
    throw new UsageError('--warehouse needs the name of a database store, such as warehouse');
  }

  return { serve: values.serve, run: values.run, compress: values.compress, top, warehouse: values.warehouse, help: values.help };
}
