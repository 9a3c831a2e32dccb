import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ScenarioResult } from '../report/scenario-result';
import type { Scenario } from '../scenarios/scenario';

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  readonly quick: boolean;
  readonly startServices: boolean;
  readonly log: (message: string) => void;
}

/**
 * Runs the scenarios one after the other, each with a fresh work directory
 * that is removed afterwards. A scenario that throws yields a failed check,
 * so the others still run.
 */
export async function runScenarios(scenarios: readonly Scenario[], options: RunScenariosOptions): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];

  for (const scenario of scenarios) {
    const workDirectory = await mkdtemp(join(tmpdir(), `bvw-bench-${scenario.name}-`));
    const startedAt = performance.now();

    options.log(`${scenario.title}: starting`);

    try {
      const output = await scenario.run({
        quick: options.quick,
        startServices: options.startServices,
        workDirectory,
        log: (message) => options.log(`  ${message}`),
      });

      results.push({ name: scenario.name, title: scenario.title, notes: [], ...output, durationMs: performance.now() - startedAt });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);

      options.log(`${scenario.title}: failed: ${message}`);
      results.push({
        name: scenario.name,
        title: scenario.title,
        rows: [],
        checks: [{ description: 'the scenario ran to its end', passed: false, detail: message.split('\n')[0] }],
        notes: [],
        durationMs: performance.now() - startedAt,
      });
    } finally {
      await rm(workDirectory, { recursive: true, force: true });
    }
  }

  return results;
}
