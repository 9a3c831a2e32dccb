import { parseArgs } from 'node:util';

/** Settings read from the command line of `pnpm bench`. */
export interface BenchArguments {
  /** Scenario names to run; all when empty. */
  readonly only: readonly string[];
  readonly quick: boolean;
  /** File the JSON results are written to, when `--json` is given. */
  readonly jsonFile?: string;
  readonly help: boolean;
}

/** File `--json` writes to when it gets no path, from the repository root (ignored by git). */
export const DEFAULT_JSON_FILE = 'bench/results/latest.json';

export const USAGE = `Usage: pnpm bench [-- options]

Runs the benchmark scenarios against Local States on loopback and prints a summary table.

Options:
  --only <scenario>   run this scenario only; repeatable (names: see below)
  --quick             small counts and one run each: checks that the scenarios work, the figures mean little
  --json [file]       also write the results as JSON (default file: ${DEFAULT_JSON_FILE})
  -h, --help          print this help and exit
`;

/** Thrown for a command line that cannot be used; the runner prints it with the usage. */
export class BenchArgumentError extends Error {
  override readonly name = 'BenchArgumentError';
}

/**
 * Parses the command line. `--json` takes the next argument as its file
 * unless that one is another option.
 *
 * @throws BenchArgumentError for an unknown option or a missing value.
 */
export function parseBenchArguments(argv: readonly string[]): BenchArguments {
  // `pnpm bench -- --quick` hands the script a leading `--`, which only separates pnpm's options.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const jsonIndex = args.indexOf('--json');
  let jsonFile: string | undefined;

  if (jsonIndex >= 0) {
    const next = args[jsonIndex + 1];
    const hasFile = next !== undefined && !next.startsWith('-');

    jsonFile = hasFile ? next : DEFAULT_JSON_FILE;
    args.splice(jsonIndex, hasFile ? 2 : 1);
  }

  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string', multiple: true, default: [] },
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });

    return { only: values.only, quick: values.quick, jsonFile, help: values.help };
  } catch (error) {
    throw new BenchArgumentError((error as Error).message, { cause: error });
  }
}
