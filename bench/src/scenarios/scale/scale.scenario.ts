import { VARIANT_LABELS, type ClientVariant } from '../../clients/client-commands';
import { median, round } from '../../measure/statistics';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import { LocalStatesProcess } from '../../states/local-states-process';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';
import { runScaleOnce, type ScaleSample } from './scale-run';

const VARIANTS: readonly ClientVariant[] = ['raw-sdk', 'framework'];
const HEARTBEAT_SECONDS = 1;

function settings(quick: boolean) {
  return quick ? { tasks: 50, sleepMs: 2_500, repeats: 1 } : { tasks: 1_000, sleepMs: 5_000, repeats: 3 };
}

/**
 * 1,000 concurrent tasks in one process, each sleeping 5 s and heartbeating
 * every second: all must succeed with no heartbeat late by more than one
 * interval, measured per task on the Local States side. The raw SDK loop,
 * with one timer per task sending SendTaskHeartbeat, is the baseline of the
 * CPU time per heartbeat.
 */
export const scaleScenario: Scenario = {
  name: 'scale',
  title: '1,000 concurrent tasks with heartbeats',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { tasks, sleepMs, repeats } = settings(context.quick);
    const states = await LocalStatesProcess.start();
    const samples = new Map<ClientVariant, ScaleSample[]>();
    let runNumber = 0;

    try {
      // One unmeasured run warms Local States up: the clients are fresh processes in every run, the endpoint is not.
      await runScaleOnce({ states, variant: 'raw-sdk', tasks, sleepMs: 1_000, heartbeatSeconds: HEARTBEAT_SECONDS, runId: 'warmup' });

      for (let repeat = 0; repeat < repeats; repeat += 1) {
        for (const variant of repeat % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
          runNumber += 1;
          const sample = await runScaleOnce({ states, variant, tasks, sleepMs, heartbeatSeconds: HEARTBEAT_SECONDS, runId: String(runNumber) });
          const heartbeats = sample.report.heartbeats;

          samples.set(variant, [...(samples.get(variant) ?? []), sample]);
          context.log(`${VARIANT_LABELS[variant]}: ${sample.report.succeeded}/${tasks} succeeded, ${heartbeats?.heartbeats} heartbeats, longest gap ${round(heartbeats?.gapMaxMs ?? 0, 0)} ms`);
        }
      }
    } finally {
      await states.stop();
    }

    return summarize(samples, { tasks, sleepMs, repeats });
  },
};

function summarize(samples: Map<ClientVariant, ScaleSample[]>, counts: { tasks: number; sleepMs: number; repeats: number }): ScenarioOutput {
  const label = `${counts.tasks} tasks x ${counts.sleepMs / 1000} s, heartbeat ${HEARTBEAT_SECONDS} s`;
  const statistic = `median of ${counts.repeats}`;
  const of = (variant: ClientVariant) => samples.get(variant) ?? [];
  const cpuPerHeartbeat = (variant: ClientVariant) => of(variant).map((sample) => round(sample.clientCpuMicros / Math.max(1, sample.report.heartbeats?.heartbeats ?? 0), 0));
  const gapMax = (variant: ClientVariant) => of(variant).map((sample) => round(sample.report.heartbeats?.gapMaxMs ?? 0, 0));
  const gapP99 = (variant: ClientVariant) => of(variant).map((sample) => round(sample.report.heartbeats?.gapP99Ms ?? 0, 0));
  const raw = (values: number[]) => ({ subject: VARIANT_LABELS['raw-sdk'], value: median(values) });
  const rows: ResultRow[] = [];

  for (const [metric, pick] of [
    [`client CPU µs/heartbeat (${statistic})`, cpuPerHeartbeat],
    [`heartbeat gap p99 ms (${statistic})`, gapP99],
    [`longest heartbeat gap ms (${statistic})`, gapMax],
  ] as const) {
    const baseline = raw(pick('raw-sdk'));

    rows.push({ case: label, subject: baseline.subject, metric, value: baseline.value, samples: pick('raw-sdk') });
    rows.push(compared({ case: label, subject: VARIANT_LABELS.framework, metric, value: median(pick('framework')), higherIsBetter: false, samples: pick('framework') }, baseline));
  }

  const checks: Check[] = VARIANTS.flatMap((variant) => {
    const runs = of(variant);
    const succeeded = runs.map((sample) => sample.report.succeeded);
    const late = runs.map((sample) => sample.report.heartbeats?.lateGaps ?? Number.NaN);
    const lateTasks = runs.map((sample) => sample.report.heartbeats?.lateTasks ?? Number.NaN);
    const where = runs.map((sample) => {
      const at = sample.report.heartbeats?.lateGapsAt;

      return at === undefined ? '?' : `${at.first}/${at.between}/${at.last}`;
    });

    return [
      {
        description: `${VARIANT_LABELS[variant]}: every task succeeded`,
        passed: runs.length === counts.repeats && succeeded.every((count) => count === counts.tasks),
        detail: `succeeded ${succeeded.join(', ')} of ${counts.tasks}`,
      },
      {
        description: `${VARIANT_LABELS[variant]}: no heartbeat was late by more than one interval`,
        passed: runs.length === counts.repeats && late.every((count) => count === 0),
        detail: `late gaps ${late.join(', ')}, in ${lateTasks.join(', ')} tasks; first/between/last ${where.join(', ')}`,
      },
    ];
  });

  return {
    rows,
    checks,
    notes: [
      'A gap is the time from delivery to the first heartbeat, between heartbeats, or from the last heartbeat to the answer, as Local States received them; late means longer than two intervals. Tasks get a HeartbeatSeconds of ten intervals, so a late heartbeat shows here rather than ending its task.',
      'Client CPU per heartbeat divides all the CPU time of the client process during the run (polls and answers included) by the heartbeats Local States received.',
    ],
  };
}
