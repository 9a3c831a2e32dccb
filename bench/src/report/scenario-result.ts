/**
 * One figure of a scenario, with the baseline it is compared against when
 * there is one. `ratio` is `value / baseline.value`, both measured in the
 * same run; `higherIsBetter` tells whether a ratio above 1 is good.
 */
export interface ResultRow {
  /** Measured case, such as `concurrency 10`. */
  readonly case: string;
  /** Measured client or component, such as `beVault Workers`. */
  readonly subject: string;
  /** Unit and statistic, such as `tasks/s (median of 3)`. */
  readonly metric: string;
  readonly value: number;
  readonly baseline?: { readonly subject: string; readonly value: number };
  readonly ratio?: number;
  readonly higherIsBetter?: boolean;
  /** Target the ratio or value must meet, in words, such as `ratio >= 0.9`. */
  readonly target?: string;
  readonly targetMet?: boolean;
  /** Every repeat's value, for the JSON report. */
  readonly samples?: readonly number[];
}

/** A correctness condition of a scenario; a failed one fails the run. */
export interface Check {
  readonly description: string;
  readonly passed: boolean;
  /** Evidence, such as the counts that broke it. */
  readonly detail?: string;
}

/** Output of one scenario, as the runner records it. */
export interface ScenarioResult {
  readonly name: string;
  readonly title: string;
  readonly rows: readonly ResultRow[];
  readonly checks: readonly Check[];
  /** Reason the scenario did not run, when it was skipped. */
  readonly skipped?: string;
  /** Facts a reader needs to interpret the rows, such as the configuration used. */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/** A bound the ratio must meet: at least `atLeast`, or below `below`. */
export type RatioTarget = { readonly atLeast: number } | { readonly below: number };

/** Builds a row comparing `value` with `baseline`, with the ratio and whether `target` holds. */
export function compared(row: Omit<ResultRow, 'baseline' | 'ratio' | 'target' | 'targetMet'>, baseline: { subject: string; value: number }, target?: RatioTarget): ResultRow {
  const ratio = baseline.value === 0 ? Number.NaN : row.value / baseline.value;

  if (target === undefined) {
    return { ...row, baseline, ratio };
  }

  return 'atLeast' in target
    ? { ...row, baseline, ratio, target: `ratio >= ${target.atLeast}`, targetMet: ratio >= target.atLeast }
    : { ...row, baseline, ratio, target: `ratio < ${target.below}`, targetMet: ratio < target.below };
}
