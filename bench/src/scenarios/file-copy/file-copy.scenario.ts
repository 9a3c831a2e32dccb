import { mebibytes } from '../../measure/process-usage';
import { median, round } from '../../measure/statistics';
import { lastJsonObject, runNodeScript } from '../../process/node-script';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';

/** Fields of the JSON line both copy scripts print. */
interface CopyReport {
  readonly bytes: number;
  readonly peakRssBytes: number;
  readonly results: ReadonlyArray<{ readonly name: string; readonly mebibytesPerSecond: number }>;
}

/** Peak RSS the store copy must stay under, in MiB. */
const RSS_TARGET_MIB = 150;

function settings(quick: boolean) {
  return quick ? { bytes: 32 * 1024 * 1024, repeats: 1 } : { bytes: 1024 * 1024 * 1024, repeats: 3 };
}

/**
 * Copies a 1 GiB file between two local file stores with the stores
 * package's benchmark (packages/stores/bench/copy-1gib.ts), and the same
 * file with bare `fs` streams as the baseline, each in a process of its own.
 * Both processes also write the source file and read the copy back to check it.
 */
export const fileCopyScenario: Scenario = {
  name: 'file-copy',
  title: 'Copy of a 1 GiB file between two file stores',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { bytes, repeats } = settings(context.quick);
    const env = { BVW_BENCH_COPY_BYTES: String(bytes), BVW_BENCH_DIR: context.workDirectory, BVW_TEST_SFTP_HOME: undefined };
    const stores: CopyReport[] = [];
    const raw: CopyReport[] = [];
    const checks: Check[] = [];

    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const storesOutput = await runNodeScript({ compiled: 'packages/stores/bench/dist/copy-1gib.js', source: 'packages/stores/bench/copy-1gib.ts', env, timeoutMs: 600_000 });
      const storesReport = lastJsonObject(storesOutput, 'peakRssBytes') as unknown as CopyReport;
      const rawReport = lastJsonObject(await runNodeScript({ compiled: 'bench/dist/scenarios/file-copy/raw-stream-copy.js', source: 'bench/src/scenarios/file-copy/raw-stream-copy.ts', env, timeoutMs: 600_000 }), 'peakRssBytes') as unknown as CopyReport;

      stores.push(storesReport);
      raw.push(rawReport);
      checks.push({
        description: `run ${repeat + 1}: the file stores copied ${mebibytes(bytes)} MiB and the copy matches the source`,
        passed: storesReport.bytes === bytes && storesReport.results.some((result) => result.name === 'local to local'),
        detail: `exit code ${storesOutput.exitCode}`,
      });
      context.log(`run ${repeat + 1}: file stores peak RSS ${mebibytes(storesReport.peakRssBytes).toFixed(0)} MiB, bare streams ${mebibytes(rawReport.peakRssBytes).toFixed(0)} MiB`);
    }

    const statistic = `median of ${repeats}`;
    const size = `${mebibytes(bytes)} MiB, local to local`;
    const peak = (reports: CopyReport[]) => reports.map((report) => round(mebibytes(report.peakRssBytes), 0));
    const speed = (reports: CopyReport[]) => reports.map((report) => round(report.results.find((result) => result.name === 'local to local')?.mebibytesPerSecond ?? 0, 0));
    const rawPeak = { subject: 'bare fs streams', value: median(peak(raw)) };
    const rawSpeed = { subject: 'bare fs streams', value: median(speed(raw)) };
    const storesPeak = median(peak(stores));
    const rows: ResultRow[] = [
      { ...compared({ case: size, subject: 'file stores', metric: `peak RSS MiB (${statistic})`, value: storesPeak, higherIsBetter: false, samples: peak(stores) }, rawPeak), target: `< ${RSS_TARGET_MIB} MiB`, targetMet: storesPeak < RSS_TARGET_MIB },
      compared({ case: size, subject: 'file stores', metric: `copy MiB/s (${statistic})`, value: median(speed(stores)), higherIsBetter: true, samples: speed(stores) }, rawSpeed),
    ];

    return {
      rows,
      checks,
      notes: ['Peak RSS is the process maximum, so it covers writing the source file and reading the copy back as well as the copy.'],
    };
  },
};
