import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { mebibytes } from '../../measure/process-usage';
import { median, round } from '../../measure/statistics';
import { lastJsonObject, runNodeScript } from '../../process/node-script';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';
import { writeBenchmarkCsv } from './csv-file';
import { findPostgres, hasPsql, psql } from './postgres-service';

/** The JSON line of the csv_to_table load process. */
interface LoadReport {
  readonly status: string;
  readonly rowCount: number;
  readonly elapsedMs: number;
  readonly peakRssBytes: number;
}

const CSV_FILE = 'rows.csv';

function settings(quick: boolean) {
  return quick ? { rows: 2_000, repeats: 1 } : { rows: 200_000, repeats: 3 };
}

/**
 * Rows per second loading a CSV file into PostgreSQL through the example
 * app's `csv_to_table` worker (a task run by a WorkerApplication: streamed
 * read, type detection, COPY FROM STDIN through the store's bulk insert),
 * against psql's `\copy` of the same file into a table of the same columns.
 */
export const dataLoadScenario: Scenario = {
  name: 'data-load',
  title: 'Loading a CSV file into PostgreSQL',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { rows, repeats } = settings(context.quick);
    const postgres = await findPostgres(context.startServices);

    if ('unavailable' in postgres || !(await hasPsql())) {
      const reason = 'unavailable' in postgres ? postgres.unavailable : 'the psql client is not installed';

      if (process.env.BVW_REQUIRE_SERVICES === '1') {
        throw new Error(`PostgreSQL is required (BVW_REQUIRE_SERVICES=1) but ${reason}.`);
      }

      context.log(`skipped: ${reason}`);

      return { rows: [], checks: [], skipped: reason };
    }

    const landing = join(context.workDirectory, 'landing');
    await mkdir(landing, { recursive: true });
    const csvPath = join(landing, CSV_FILE);
    const bytes = await writeBenchmarkCsv(csvPath, rows);
    context.log(`${rows} rows, ${round(mebibytes(bytes), 1)} MiB of CSV, PostgreSQL from ${postgres.source}`);

    const loads: LoadReport[] = [];
    const copies: number[] = [];
    const checks: Check[] = [];

    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const table = `bench_csv_to_table_${process.pid}_${repeat}`;
      const copyTable = `bench_psql_copy_${process.pid}_${repeat}`;

      try {
        const load = lastJsonObject(
          await runNodeScript({
            compiled: 'bench/dist/scenarios/data-load/csv-to-table-load.js',
            source: 'bench/src/scenarios/data-load/csv-to-table-load.ts',
            env: { BVW_BENCH_POSTGRES_URL: postgres.url, BVW_BENCH_LANDING_DIR: landing, BVW_BENCH_CSV_FILE: CSV_FILE, BVW_BENCH_TABLE: table },
            timeoutMs: 600_000,
          }),
          'rowCount',
        ) as unknown as LoadReport;
        const loadedRows = Number(await psql(postgres.url, `select count(*) from ${table}`));

        await psql(postgres.url, `create table ${copyTable} (like ${table})`);
        const copyStartedAt = performance.now();
        await psql(postgres.url, `\\copy ${copyTable} from '${csvPath}' with (format csv, header true)`);
        const copyMs = performance.now() - copyStartedAt;
        const copiedRows = Number(await psql(postgres.url, `select count(*) from ${copyTable}`));

        loads.push(load);
        copies.push(copyMs);
        checks.push({
          description: `run ${repeat + 1}: csv_to_table succeeded and both tables hold all ${rows} rows`,
          passed: load.status === 'succeeded' && load.rowCount === rows && loadedRows === rows && copiedRows === rows,
          detail: `task ${load.status}, reported ${load.rowCount}, counted ${loadedRows} and ${copiedRows}`,
        });
        context.log(`run ${repeat + 1}: csv_to_table ${Math.round(load.elapsedMs)} ms, psql \\copy ${Math.round(copyMs)} ms`);
      } finally {
        await psql(postgres.url, `drop table if exists ${table}; drop table if exists ${copyTable}`);
      }
    }

    const statistic = `median of ${repeats}`;
    const label = `${rows.toLocaleString('en-US')} rows, ${round(mebibytes(bytes), 1)} MiB`;
    const rate = (milliseconds: number) => round((rows / milliseconds) * 1000, 0);
    const loadRates = loads.map((load) => rate(load.elapsedMs));
    const copyRates = copies.map(rate);
    const baseline = { subject: 'psql \\copy', value: median(copyRates) };
    const resultRows: ResultRow[] = [
      { case: label, subject: baseline.subject, metric: `rows/s (${statistic})`, value: baseline.value, samples: copyRates },
      compared({ case: label, subject: 'csv_to_table (beVault Workers)', metric: `rows/s (${statistic})`, value: median(loadRates), higherIsBetter: true, samples: loadRates }, baseline),
      { case: label, subject: 'csv_to_table (beVault Workers)', metric: `process peak RSS MiB (${statistic})`, value: median(loads.map((load) => round(mebibytes(load.peakRssBytes), 0))) },
    ];

    return {
      rows: resultRows,
      checks,
      notes: [
        'csv_to_table time runs from the enqueue of its task to its answer: it includes type detection on the first MiB, dropping and creating the table, and the COPY.',
        'psql time is the wall time of one psql process running \\copy into a table created beforehand with the same columns (LIKE the loaded one).',
      ],
    };
  },
};
