import { VARIANT_LABELS, type ClientVariant } from '../../clients/client-commands';
import { median, round } from '../../measure/statistics';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import { LocalStatesProcess } from '../../states/local-states-process';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';
import { measureMemory, WORKER_COUNT, type MemoryFigures } from './memory-run';

const VARIANTS: readonly ClientVariant[] = ['raw-sdk', 'framework', 'step-function-worker'];
const IDLE_CONCURRENCY = 10;

function settings(quick: boolean) {
  return quick ? { inFlight: 100, repeats: 1, settleMs: 200 } : { inFlight: 1_000, repeats: 3, settleMs: 1_000 };
}

/**
 * Resident memory of a client with five workers: idle at concurrency 10, and
 * holding 1,000 tasks in flight (concurrency 200 each), against the raw SDK
 * loop and step-function-worker in the same shapes. Each figure comes from
 * a fresh process after a full garbage collection.
 */
export const memoryScenario: Scenario = {
  name: 'memory',
  title: 'Memory of an idle and of a loaded application',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { inFlight, repeats, settleMs } = settings(context.quick);
    const loadedConcurrency = inFlight / WORKER_COUNT;
    const states = await LocalStatesProcess.start();
    const idle = new Map<ClientVariant, MemoryFigures[]>();
    const loaded = new Map<ClientVariant, MemoryFigures[]>();
    let runNumber = 0;

    try {
      for (let repeat = 0; repeat < repeats; repeat += 1) {
        for (const variant of VARIANTS) {
          runNumber += 1;
          const idleFigures = await measureMemory({ states, variant, concurrency: IDLE_CONCURRENCY, tasksPerWorker: 0, settleMs, runId: `${runNumber}i` });
          const loadedFigures = await measureMemory({ states, variant, concurrency: loadedConcurrency, tasksPerWorker: loadedConcurrency, settleMs, runId: `${runNumber}l` });

          idle.set(variant, [...(idle.get(variant) ?? []), idleFigures]);
          loaded.set(variant, [...(loaded.get(variant) ?? []), loadedFigures]);
          context.log(`${VARIANT_LABELS[variant]}: idle ${round(idleFigures.idleRssMib, 0)} MiB, ${loadedFigures.tasksInFlight} in flight ${round(loadedFigures.loadedRssMib ?? 0, 0)} MiB`);
        }
      }
    } finally {
      await states.stop();
    }

    return summarize(idle, loaded, { inFlight, loadedConcurrency, repeats });
  },
};

function summarize(
  idle: Map<ClientVariant, MemoryFigures[]>,
  loaded: Map<ClientVariant, MemoryFigures[]>,
  counts: { inFlight: number; loadedConcurrency: number; repeats: number },
): ScenarioOutput {
  const metric = `RSS MiB (median of ${counts.repeats})`;
  const figure = (runs: MemoryFigures[] | undefined, pick: (figures: MemoryFigures) => number | undefined) => (runs ?? []).map((figures) => round(pick(figures) ?? 0, 1));
  const cases = [
    { label: `${WORKER_COUNT} workers x concurrency ${IDLE_CONCURRENCY}, idle`, runs: idle, pick: (figures: MemoryFigures) => figures.idleRssMib },
    { label: `${WORKER_COUNT} workers x concurrency ${counts.loadedConcurrency}, idle`, runs: loaded, pick: (figures: MemoryFigures) => figures.idleRssMib },
    { label: `${WORKER_COUNT} workers x concurrency ${counts.loadedConcurrency}, ${counts.inFlight} tasks in flight`, runs: loaded, pick: (figures: MemoryFigures) => figures.loadedRssMib },
  ];
  const rows: ResultRow[] = [];

  for (const { label, runs, pick } of cases) {
    const raw = { subject: VARIANT_LABELS['raw-sdk'], value: median(figure(runs.get('raw-sdk'), pick)) };

    rows.push({ case: label, subject: raw.subject, metric, value: raw.value, samples: figure(runs.get('raw-sdk'), pick) });

    for (const variant of ['framework', 'step-function-worker'] as const) {
      const samples = figure(runs.get(variant), pick);
      rows.push(compared({ case: label, subject: VARIANT_LABELS[variant], metric, value: median(samples), higherIsBetter: false, samples }, raw));
    }
  }

  const checks: Check[] = [...loaded].map(([variant, runs]) => {
    const held = runs.map((figures) => figures.tasksInFlight ?? 0);
    const succeeded = runs.map((figures) => figures.tasksSucceeded ?? 0);

    return {
      description: `${VARIANT_LABELS[variant]}: all ${counts.inFlight} tasks were in flight at once, then succeeded`,
      passed: held.every((count) => count === counts.inFlight) && succeeded.every((count) => count === counts.inFlight),
      detail: `in flight ${held.join(', ')}; succeeded ${succeeded.join(', ')}`,
    };
  });

  return {
    rows,
    checks,
    notes: [
      'RSS read after global.gc() (Node runs with --expose-gc), median of three reads; a fresh process per figure. Every client holds as many polls as its concurrency.',
      'Idle at concurrency 200, the 1,000 polls in flight each hold an HTTP request; with 1,000 tasks in flight every slot runs a task and no poll is in flight, which is why that figure can be the lower one.',
      'In-flight tasks wait on a promise in the handler; the framework sends their heartbeats meanwhile.',
    ],
  };
}
