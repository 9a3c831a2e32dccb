import { VARIANT_LABELS, type ClientVariant } from '../../clients/client-commands';
import { median, round } from '../../measure/statistics';
import { compared, type Check, type RatioTarget, type ResultRow } from '../../report/scenario-result';
import { LocalStatesProcess } from '../../states/local-states-process';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';
import { runThroughputOnce, type ThroughputSample } from './throughput-run';

const CONCURRENCIES = [1, 10, 100] as const;

/** A client as measured: a variant and, for the framework, its log level. */
interface Subject {
  readonly key: string;
  readonly label: string;
  readonly variant: ClientVariant;
  readonly logLevel?: 'info' | 'warn';
  /** Bound on the ratio to the raw loop's throughput. */
  readonly target?: RatioTarget;
}

const RAW: Subject = { key: 'raw', label: VARIANT_LABELS['raw-sdk'], variant: 'raw-sdk' };
const COMPARED: readonly Subject[] = [
  { key: 'framework', label: VARIANT_LABELS.framework, variant: 'framework', target: { atLeast: 0.9 } },
  { key: 'framework-warn', label: `${VARIANT_LABELS.framework}, LOG_LEVEL=warn`, variant: 'framework', logLevel: 'warn' },
  { key: 'sfw', label: VARIANT_LABELS['step-function-worker'], variant: 'step-function-worker' },
];
const SUBJECTS = [RAW, ...COMPARED];

function settings(quick: boolean) {
  return quick ? { tasks: 100, warmupTasks: 10, repeats: 1 } : { tasks: 5_000, warmupTasks: 500, repeats: 3 };
}

/**
 * No-op tasks per second at concurrency 1, 10 and 100, for this framework
 * (at log level info and warn) and step-function-worker, against the raw
 * SDK loop. Each client runs in a process of its own and Local States in
 * another. The clients take turns within each repeat, in a rotating order,
 * so that a slow spell of the shared machine falls on all of them.
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
          const order = SUBJECTS.map((_, index) => SUBJECTS[(index + repeat) % SUBJECTS.length]);

          for (const subject of order) {
            runNumber += 1;
            const sample = await runThroughputOnce({
              states,
              variant: subject.variant,
              logLevel: subject.logLevel,
              concurrency,
              tasks,
              warmupTasks,
              runId: String(runNumber),
            });
            const key = `${subject.key}/${concurrency}`;

            samples.set(key, [...(samples.get(key) ?? []), sample]);
            context.log(`${subject.label} at concurrency ${concurrency}: ${Math.round(sample.tasksPerSecond)} tasks/s`);
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
    const label = `concurrency ${concurrency}`;
    const of = (subject: Subject) => samples.get(`${subject.key}/${concurrency}`) ?? [];
    const figures = (subject: Subject, pick: (sample: ThroughputSample) => number) => of(subject).map((sample) => round(pick(sample), 0));
    const rate = (subject: Subject) => figures(subject, (sample) => sample.tasksPerSecond);
    const cpu = (subject: Subject) => figures(subject, (sample) => sample.clientCpuMicrosPerTask);
    const rawRate = { subject: RAW.label, value: median(rate(RAW)) };
    const rawCpu = { subject: RAW.label, value: median(cpu(RAW)) };

    rows.push({ case: label, subject: RAW.label, metric: `tasks/s (${statistic})`, value: rawRate.value, samples: rate(RAW) });

    for (const subject of COMPARED) {
      rows.push(compared({ case: label, subject: subject.label, metric: `tasks/s (${statistic})`, value: median(rate(subject)), higherIsBetter: true, samples: rate(subject) }, rawRate, subject.target));
    }

    rows.push({ case: label, subject: RAW.label, metric: `client CPU µs/task (${statistic})`, value: rawCpu.value, samples: cpu(RAW) });

    for (const subject of COMPARED) {
      rows.push(compared({ case: label, subject: subject.label, metric: `client CPU µs/task (${statistic})`, value: median(cpu(subject)), higherIsBetter: false, samples: cpu(subject) }, rawCpu));
    }

    const statesCpu = figures(RAW, (sample) => sample.statesCpuMicrosPerTask);
    rows.push(compared({ case: label, subject: 'Local States, serving the raw loop', metric: `server CPU µs/task (${statistic})`, value: median(statesCpu), higherIsBetter: false, samples: statesCpu }, rawCpu));

    for (const subject of SUBJECTS) {
      const runs = of(subject);
      const failed = runs.reduce((sum, sample) => sum + sample.notSucceeded, 0);
      const lost = runs.reduce((sum, sample) => sum + sample.lost, 0);
      const errors = runs.reduce((sum, sample) => sum + sample.clientErrors, 0);

      checks.push({
        description: `${subject.label} at ${label}: every task succeeded, none lost, no client error`,
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
      'The framework logs one JSON line per task at info (to stdout, sent to /dev/null); the raw loop and step-function-worker log nothing.',
    ],
  };
}
