import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { buildJsonReport } from '../report/json-report';
import { renderChecksAndNotes, renderSummaryTable } from '../report/summary-table';
import { SCENARIOS, selectScenarios } from '../scenarios';
import { BenchArgumentError, parseBenchArguments, USAGE } from './arguments';
import { runScenarios } from './run-scenarios';

/**
 * Entry of `pnpm bench`: runs the selected scenarios, prints the summary
 * table and the checks on stdout (progress goes to stderr), writes the JSON
 * report when asked, and exits with 1 when a check failed.
 */
async function main(argv: string[]): Promise<number> {
  let args;

  try {
    args = parseBenchArguments(argv);
  } catch (error) {
    if (error instanceof BenchArgumentError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);

      return 2;
    }

    throw error;
  }

  if (args.help) {
    console.log(`${USAGE}\nScenarios: ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);

    return 0;
  }

  const startedAt = new Date();
  const results = await runScenarios(selectScenarios(args.only), {
    quick: args.quick,
    startServices: true,
    log: (message) => console.error(`[bench] ${message}`),
  });
  const report = buildJsonReport({ startedAt, argv, quick: args.quick, results });

  console.log(renderSummaryTable(results));
  console.log();
  console.log(renderChecksAndNotes(results));

  if (args.jsonFile !== undefined) {
    await mkdir(dirname(args.jsonFile), { recursive: true });
    await writeFile(args.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`[bench] results written to ${args.jsonFile}`);
  }

  return report.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('bench: failed:', error);
    process.exitCode = 1;
  },
);
