import type { Check, ResultRow } from '../report/scenario-result';

/** What the runner gives every scenario. */
export interface ScenarioContext {
  /** Small counts and one repeat: proves the scenario works, its figures mean little. */
  readonly quick: boolean;
  /** Whether a missing service (PostgreSQL) may be started with the CI service scripts. */
  readonly startServices: boolean;
  /** Directory for the files a scenario writes; removed by the runner afterwards. */
  readonly workDirectory: string;
  /** Prints a progress line on stderr. */
  log(message: string): void;
}

/** What a scenario returns; the runner adds its name, title and duration. */
export interface ScenarioOutput {
  readonly rows: readonly ResultRow[];
  readonly checks: readonly Check[];
  readonly notes?: readonly string[];
  /** Set instead of rows when the scenario could not run here. */
  readonly skipped?: string;
}

/** One benchmark scenario of `pnpm bench`. */
export interface Scenario {
  /** Name given to `--only`, such as `throughput`. */
  readonly name: string;
  readonly title: string;
  run(context: ScenarioContext): Promise<ScenarioOutput>;
}
