import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import type { WorkerDefinition } from './worker-definition';

/**
 * A worker's settings after its `@Worker` options were merged over the
 * application's defaults, with durations in milliseconds.
 *
 * @internal
 */
export interface WorkerSettings {
  /** Number of task slots. */
  readonly concurrency: number;
  /** Interval between two heartbeats of a running task. */
  readonly heartbeatMs: number;
  /** Maximum number of GetActivityTask calls in flight. */
  readonly maxPollers: number;
}

/**
 * Merges a worker's `@Worker` options over the configured defaults.
 *
 * @throws TypeError naming the worker and the option when a value is not a
 *   positive integer (`concurrency`, `maxPollers`) or a positive number of
 *   seconds (`heartbeatSeconds`).
 * @internal
 */
export function resolveWorkerSettings(definition: WorkerDefinition, config: WorkerRuntimeConfig): WorkerSettings {
  const { options } = definition;

  const concurrency = options.concurrency ?? config.defaultConcurrency;
  checkPositiveInteger(definition, 'concurrency', concurrency);

  const heartbeatSeconds = options.heartbeatSeconds ?? config.defaultHeartbeatMs / 1000;
  if (typeof heartbeatSeconds !== 'number' || !Number.isFinite(heartbeatSeconds) || heartbeatSeconds <= 0) {
    throw new TypeError(
      `Invalid @Worker option heartbeatSeconds of ${describeOwner(definition)}: ${String(heartbeatSeconds)}. Expected a positive number of seconds, such as 10.`,
    );
  }

  const maxPollers = options.maxPollers ?? config.defaultMaxPollers;
  checkPositiveInteger(definition, 'maxPollers', maxPollers);

  return { concurrency, heartbeatMs: Math.round(heartbeatSeconds * 1000), maxPollers };
}

function checkPositiveInteger(definition: WorkerDefinition, option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `Invalid @Worker option ${option} of ${describeOwner(definition)}: ${String(value)}. Expected a positive integer, such as 4.`,
    );
  }
}

function describeOwner(definition: WorkerDefinition): string {
  return `worker '${definition.name}' (class ${definition.workerClass.name})`;
}
