import { round } from '../../measure/statistics';
import { lastJsonObject, runNodeScript } from '../../process/node-script';
import { compared, type ResultRow } from '../../report/scenario-result';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';

interface VariantFigures {
  readonly tasks: number;
  readonly medianMicros: number;
  readonly p99Micros: number;
}

type Variant = 'bare' | 'handWritten' | 'framework';

const LABELS: Record<Variant, string> = {
  bare: 'parse + handler + serialize',
  handWritten: 'hand-written: + class-validator + winston line',
  framework: 'beVault Workers task pipeline + logging',
};

function settings(quick: boolean) {
  return quick ? { tasks: 500, blocks: 1, warmup: 100 } : { tasks: 20_000, blocks: 3, warmup: 2_000 };
}

/**
 * Time per task spent outside the handler and the network: the core's task
 * pipeline on a ten-field input against a hand-written equivalent and
 * against the bare parse, handle and serialize, in a process of its own.
 */
export const taskOverheadScenario: Scenario = {
  name: 'task-overhead',
  title: 'Per-task overhead in process, without network',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { tasks, blocks, warmup } = settings(context.quick);
    const output = await runNodeScript({
      compiled: 'bench/dist/scenarios/task-overhead/overhead-measurement.js',
      source: 'bench/src/scenarios/task-overhead/overhead-measurement.ts',
      env: { BVW_BENCH_OVERHEAD_TASKS: String(tasks), BVW_BENCH_OVERHEAD_BLOCKS: String(blocks), BVW_BENCH_OVERHEAD_WARMUP: String(warmup) },
      timeoutMs: 300_000,
    });
    const variants = (lastJsonObject(output, 'variants') as { variants: Record<Variant, VariantFigures> }).variants;
    const total = tasks * blocks;
    const rows: ResultRow[] = [];

    for (const [statistic, pick] of [
      ['median', (figures: VariantFigures) => figures.medianMicros],
      ['p99', (figures: VariantFigures) => figures.p99Micros],
    ] as const) {
      const metric = `µs/task, ${statistic} of ${total}`;
      const handWritten = { subject: LABELS.handWritten, value: round(pick(variants.handWritten), 1) };

      rows.push({ case: 'ten-field input', subject: LABELS.bare, metric, value: round(pick(variants.bare), 1) });
      rows.push({ case: 'ten-field input', subject: handWritten.subject, metric, value: handWritten.value });
      rows.push(compared({ case: 'ten-field input', subject: LABELS.framework, metric, value: round(pick(variants.framework), 1), higherIsBetter: false }, handWritten));
    }

    context.log(`framework median ${round(variants.framework.medianMicros, 1)} µs/task, hand-written ${round(variants.handWritten.medianMicros, 1)} µs/task`);

    return {
      rows,
      checks: [
        {
          description: `every variant ran all ${total} tasks to a success`,
          passed: Object.values(variants).every((figures) => figures.tasks === total) && output.exitCode === 0,
          detail: `exit code ${output.exitCode}`,
        },
      ],
      notes: [
        'Each variant runs the same task in turn, in blocks, after a warm-up; times include the await of each task.',
        'The framework variant builds the task context and child logger and writes the outcome line as the task runner does; log lines go to a stream that drops them.',
      ],
    };
  },
};
