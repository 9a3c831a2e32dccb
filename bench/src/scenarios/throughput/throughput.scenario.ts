import { VARIANT_LABELS, type ClientVariant } from '../../clients/client-commands';
import { median, round } from '../../measure/statistics';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import { LocalStatesProcess } from '../../states/local-states-process';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';
import { runThroughputOnce, type ThroughputSample } from './throughput-run';

const CONCURRENCIES = [1, 10, 100] as const;
const VARIANTS: readonly ClientVariant[] = ['raw-sdk', 'framework', 'step-function-worker'];

/** Lowest ratio of the framework's throughput to the raw loop's that the benchmark accepts. */
const TARGET_RATIO = 0.9;

function settings(quick: boolean) {
  return quick ? { tasks: 200, warmupTasks: 20, repeats: 1 } : { tasks: 5_000, warmupTasks: 500, repeats: 5 };
}

/**
 * No-op tasks per second at concurrency 1, 10 and 100: this framework and
 * step-function-worker against the raw SDK loop, each client in a process of
 * its own and Local States in another. The variants take turns within each
 * repeat, in a rotating order, so that a slow spell of the shared machine
 * falls on all of them.
 */
export const throughputScenario: Scenario = {
  name: 'throughput',
  title: 'Throughput of no-op tasks',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { tasks, warmupTasks, repeats } = settings(context.quick);
    const states = await LocalStatesProcess.start();
    const samples = new Map<string, ThroughputSample[]>();
    let runNumber = 0;

    try {
      for (const concurrency of CONCURRENCIES) {
        for (let repeat = 0; repeat < repeats; repeat += 1) {
          const order = VARIANTS.map((_, index) => VARIANTS[(index + repeat) % VARIANTS.length]);

          for (const variant of order) {
            runNumber += 1;
            const sample = await runThroughputOnce({ states, variant, concurrency, tasks, warmupTasks, runId: String(runNumber) });
            const key = `${variant}/${concurrency}`;

            samples.set(key, [...(samples.get(key) ?? []), sample]);
            context.log(`throughput ${VARIANT_LABELS[variant]} at concurrency ${concurrency}: ${Math.round(sample.tasksPerSecond)} tasks/s`);
          }
        }
      }
    } finally {
      await states.stop();
    }

    return summarize(samples, { tasks, repeats });
  },
};

function summarize(samples: Map<string, ThroughputSample[]>, counts: { tasks: number; repeats: number }): ScenarioOutput {
  const rows: ResultRow[] = [];
  const checks: Check[] = [];
  const statistic = `median of ${counts.repeats}`;

  for (const concurrency of CONCURRENCIES) {
    const of = (variant: ClientVariant) => samples.get(`${variant}/${concurrency}`) ?? [];
    const rate = (variant: ClientVariant) => of(variant).map((sample) => sample.tasksPerSecond);
    const cpu = (variant: ClientVariant) => of(variant).map((sample) => sample.clientCpuMicrosPerTask);
    const rawRate = { subject: VARIANT_LABELS['raw-sdk'], value: round(median(rate('raw-sdk')), 0) };
    const rawCpu = { subject: VARIANT_LABELS['raw-sdk'], value: round(median(cpu('raw-sdk')), 0) };
    const label = `concurrency ${concurrency}`;

    rows.push({ case: label, subject: rawRate.subject, metric: `tasks/s (${statistic})`, value: rawRate.value, samples: rate('raw-sdk').map((value) => round(value, 0)) });

    for (const variant of ['framework', 'step-function-worker'] as const) {
      const row = { case: label, subject: VARIANT_LABELS[variant], metric: `tasks/s (${statistic})`, value: round(median(rate(variant)), 0), higherIsBetter: true, samples: rate(variant).map((value) => round(value, 0)) };

      rows.push(compared(row, rawRate, variant === 'framework' ? TARGET_RATIO : undefined));
    }

    for (const variant of ['framework', 'step-function-worker'] as const) {
      rows.push(
        compared(
          { case: label, subject: VARIANT_LABELS[variant], metric: `client CPU µs/task (${statistic})`, value: round(median(cpu(variant)), 0), higherIsBetter: false, samples: cpu(variant).map((value) => round(value, 0)) },
          rawCpu,
        ),
      );
    }

    const statesCpu = of('raw-sdk').map((sample) => sample.statesCpuMicrosPerTask);
    rows.push(
      compared(
        { case: label, subject: 'Local States (serving the raw loop)', metric: `server CPU µs/task (${statistic})`, value: round(median(statesCpu), 0), higherIsBetter: false },
        rawCpu,
      ),
    );

    for (const variant of VARIANTS) {
      const runs = of(variant);
      const failed = runs.reduce((sum, sample) => sum + sample.notSucceeded, 0);
      const lost = runs.reduce((sum, sample) => sum + sample.lost, 0);
      const errors = runs.reduce((sum, sample) => sum + sample.clientErrors, 0);

      checks.push({
        description: `${VARIANT_LABELS[variant]} at ${label}: every task succeeded, none lost, no client error`,
        passed: runs.length === counts.repeats && failed === 0 && lost === 0 && errors === 0,
        detail: `${runs.length} runs, ${failed} not succeeded, ${lost} lost, ${errors} client errors`,
      });
    }
  }

  return {
    rows,
    checks,
    notes: [
      `${counts.tasks} no-op tasks per run after a warm-up, ${counts.repeats} runs per client and concurrency; time from the first enqueue to the last outcome, as Local States sees them.`,
      'Every client polls with as many GetActivityTask calls as its concurrency (the framework with maxPollers = concurrency) over a keep-alive agent of 2 x concurrency + 16 sockets, with no SDK retry.',
      'The framework logs every task at info as JSON lines to stdout, sent to /dev/null; the raw loop and step-function-worker log nothing.',
    ],
  };
}
