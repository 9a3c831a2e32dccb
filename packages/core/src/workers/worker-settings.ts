import { maxTimerSeconds, positiveSecondsAsMs } from '../config/value-parsers';
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
 * @throws TypeError naming the worker and the option when `concurrency` or
 *   `maxPollers` is not a positive integer, or when `heartbeatSeconds` is not
 *   a number of seconds from 0.001 to 2147483 (the range of the environment
 *   variable).
 * @internal
 */
export function resolveWorkerSettings(definition: WorkerDefinition, config: WorkerRuntimeConfig): WorkerSettings {
  const { options } = definition;

  const concurrency = options.concurrency ?? config.defaultConcurrency;
  checkPositiveInteger(definition, 'concurrency', concurrency);

  const heartbeatMs = resolveHeartbeatMs(definition, config);

  const maxPollers = options.maxPollers ?? config.defaultMaxPollers;
  checkPositiveInteger(definition, 'maxPollers', maxPollers);

  return { concurrency, heartbeatMs, maxPollers };
}

/**
 * Converts `heartbeatSeconds` with the parser of the environment variable, so
 * that both reject an interval that rounds to 0 ms (heartbeats back to back)
 * or that overflows a Node.js timer (heartbeats every 1 ms).
 */
function resolveHeartbeatMs(definition: WorkerDefinition, config: WorkerRuntimeConfig): number {
  const { heartbeatSeconds } = definition.options;
  if (heartbeatSeconds === undefined) {
    return config.defaultHeartbeatMs;
  }

  const heartbeatMs = typeof heartbeatSeconds === 'number' ? positiveSecondsAsMs.parse(heartbeatSeconds) : undefined;
  if (heartbeatMs === undefined) {
    throw new TypeError(
      `Invalid @Worker option heartbeatSeconds of ${describeOwner(definition)}: ${String(heartbeatSeconds)}. ` +
        `Expected a number of seconds from 0.001 to ${maxTimerSeconds} (about 24.8 days, the longest timer Node.js supports), such as 10.`,
    );
  }

  return heartbeatMs;
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
