import { cpus, totalmem } from 'node:os';

import type { ScenarioResult } from './scenario-result';

/** The document `--json` writes. */
export interface JsonReport {
  readonly startedAt: string;
  readonly command: string;
  readonly quick: boolean;
  readonly machine: { readonly cpuModel: string; readonly cores: number; readonly memoryBytes: number; readonly node: string; readonly platform: string };
  readonly passed: boolean;
  readonly scenarios: readonly ScenarioResult[];
}

/** Builds the JSON report of a run. */
export function buildJsonReport(options: { startedAt: Date; argv: readonly string[]; quick: boolean; results: readonly ScenarioResult[] }): JsonReport {
  const processors = cpus();

  return {
    startedAt: options.startedAt.toISOString(),
    command: ['pnpm bench', ...options.argv].join(' '),
    quick: options.quick,
    machine: {
      cpuModel: processors[0]?.model ?? 'unknown',
      cores: processors.length,
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    passed: options.results.every((result) => result.checks.every((check) => check.passed)),
    scenarios: options.results,
  };
}
