import { dataLoadScenario } from './data-load/data-load.scenario';
import { fileCopyScenario } from './file-copy/file-copy.scenario';
import { memoryScenario } from './memory/memory.scenario';
import { scaleScenario } from './scale/scale.scenario';
import type { Scenario } from './scenario';
import { statesLocalCpuScenario } from './states-local-cpu/states-local-cpu.scenario';
import { taskOverheadScenario } from './task-overhead/task-overhead.scenario';
import { throughputScenario } from './throughput/throughput.scenario';

/** Every scenario, in the order `pnpm bench` runs them. */
export const SCENARIOS: readonly Scenario[] = [
  throughputScenario,
  statesLocalCpuScenario,
  taskOverheadScenario,
  memoryScenario,
  scaleScenario,
  dataLoadScenario,
  fileCopyScenario,
];

/**
 * Picks the scenarios named by `--only`, in their usual order; all when none is named.
 *
 * @throws Error naming an unknown scenario and listing the known ones.
 */
export function selectScenarios(names: readonly string[]): Scenario[] {
  for (const name of names) {
    if (!SCENARIOS.some((scenario) => scenario.name === name)) {
      throw new Error(`Unknown scenario '${name}'; choose among ${SCENARIOS.map((scenario) => scenario.name).join(', ')}.`);
    }
  }

  return SCENARIOS.filter((scenario) => names.length === 0 || names.includes(scenario.name));
}
