/**
 * Child process of the data scenario: loads a CSV file into PostgreSQL
 * through the example app's `csv_to_table` worker, run by a
 * WorkerApplication against Local States started in this process, and
 * prints one JSON line with the task's outcome, its time from enqueue to
 * answer, and the process's peak RSS.
 *
 * Environment: BVW_BENCH_POSTGRES_URL, BVW_BENCH_LANDING_DIR (folder of the
 * `landing` file store), BVW_BENCH_CSV_FILE (path in it), BVW_BENCH_TABLE.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { WorkerApplication } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';
import { normalizeStoreDefinition } from '@bevault-workers/stores';

import { BENCH_CREDENTIALS, BENCH_REGION } from '../../clients/endpoint';

function required(name: string): string {
  const value = process.env[name];

  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is required by the csv_to_table load.`);
  }

  return value;
}

/** Returns the example app's csv_to_table worker folder: compiled, or its sources when this runs from sources. */
function csvToTableFolder(): string {
  const exampleRoot = dirname(require.resolve('@bevault-workers/example/package.json'));
  const folder = join(exampleRoot, __filename.endsWith('.ts') ? 'src' : 'dist', 'workers', 'csv-to-table');

  if (!existsSync(folder)) {
    throw new Error(`The example's csv_to_table worker folder ${folder} was not found; run pnpm build first.`);
  }

  return folder;
}

async function main(): Promise<void> {
  const table = required('BVW_BENCH_TABLE');
  const states = await StatesLocal.start({ port: 0, pollHoldMs: 1_000 });
  const application = await WorkerApplication.create({
    workersFrom: csvToTableFolder(),
    stores: [
      normalizeStoreDefinition({ Name: 'landing', Type: 'file', Config: { BasePath: required('BVW_BENCH_LANDING_DIR') } }),
      normalizeStoreDefinition({ Name: 'warehouse', Type: 'postgresql', Config: { ConnectionString: required('BVW_BENCH_POSTGRES_URL') } }),
    ],
    env: {},
    envFile: false,
    handleSignals: false,
    config: { serviceUrl: states.url, region: BENCH_REGION, credentials: BENCH_CREDENTIALS, loggingConfigPath: false, logLevel: 'info', logFormat: 'json' },
  });

  try {
    await application.listen();

    const startedAt = performance.now();
    const task = states.enqueueTask('csv_to_table', { fileToken: `file://landing/${required('BVW_BENCH_CSV_FILE')}`, store: 'warehouse', table, ifExists: 'replace' });
    const outcome = await task.outcome;
    const elapsedMs = performance.now() - startedAt;
    const output = outcome.status === 'succeeded' ? (JSON.parse(outcome.output) as { rowCount: number }) : undefined;

    console.log(JSON.stringify({ benchmark: 'csv-to-table', status: outcome.status, outcome, rowCount: output?.rowCount ?? 0, elapsedMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
  } finally {
    await application.close();
    await states.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
