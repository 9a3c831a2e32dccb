import { median, round } from '../../measure/statistics';
import { compared, type Check, type ResultRow } from '../../report/scenario-result';
import { lastJsonObject, runNodeScript } from '../../process/node-script';
import type { Scenario, ScenarioContext, ScenarioOutput } from '../scenario';

/** Fields of the JSON line that Local States' CPU benchmark prints. */
interface CpuBenchmarkResult {
  readonly tasks: number;
  readonly pollers: number;
  readonly tasksPerSecond: number;
  readonly emulatorCpuMicrosPerTask: number;
  readonly clientCpuMicrosPerTask: number;
}

const POLLERS = 32;

function settings(quick: boolean) {
  return quick ? { tasks: 300, warmup: 50, repeats: 1 } : { tasks: 10_000, warmup: 2_000, repeats: 3 };
}

/**
 * Runs the CPU benchmark of the Local States package
 * (packages/states-local/bench/cpu.ts): 32 raw SDK pollers answering empty
 * tasks, the emulator in its own process. Local States is no bottleneck
 * when it spends less CPU per task than the client it serves.
 */
export const statesLocalCpuScenario: Scenario = {
  name: 'states-local-cpu',
  title: 'Local States CPU per task against a raw SDK client',
  async run(context: ScenarioContext): Promise<ScenarioOutput> {
    const { tasks, warmup, repeats } = settings(context.quick);
    const results: CpuBenchmarkResult[] = [];
    const checks: Check[] = [];

    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const output = await runNodeScript({
        compiled: 'packages/states-local/dist/bench/cpu.js',
        source: 'packages/states-local/bench/cpu.ts',
        args: ['--tasks', String(tasks), '--pollers', String(POLLERS), '--warmup', String(warmup)],
        timeoutMs: 300_000,
      });
      const result = lastJsonObject(output, 'emulatorCpuMicrosPerTask') as unknown as CpuBenchmarkResult;

      results.push(result);
      checks.push({ description: `run ${repeat + 1} answered all ${tasks} tasks and reported both processes`, passed: result.tasks === tasks && result.clientCpuMicrosPerTask > 0 });
      context.log(`run ${repeat + 1}: Local States ${result.emulatorCpuMicrosPerTask} µs/task, client ${result.clientCpuMicrosPerTask} µs/task`);
    }

    const statistic = `median of ${repeats}`;
    const client = { subject: `raw SDK client, ${POLLERS} pollers`, value: round(median(results.map((result) => result.clientCpuMicrosPerTask)), 0) };
    const emulator = results.map((result) => round(result.emulatorCpuMicrosPerTask, 0));
    const rows: ResultRow[] = [
      { case: `${POLLERS} pollers`, subject: client.subject, metric: `CPU µs/task (${statistic})`, value: client.value },
      compared({ case: `${POLLERS} pollers`, subject: 'Local States', metric: `CPU µs/task (${statistic})`, value: median(emulator), higherIsBetter: false, samples: emulator }, client, { below: 1 }),
      { case: `${POLLERS} pollers`, subject: 'raw SDK client', metric: `tasks/s (${statistic})`, value: round(median(results.map((result) => result.tasksPerSecond)), 0) },
    ];

    return {
      rows,
      checks,
      notes: [`Runs packages/states-local/bench/cpu.ts ${repeats} time(s) with ${tasks} tasks after ${warmup} warm-up tasks.`],
    };
  },
};
