import { benchActivityName, type ClientVariant } from '../../clients/client-commands';
import { startClientProcess } from '../../clients/client-process-handle';
import type { LocalStatesProcess } from '../../states/local-states-process';

/** One throughput measurement: a fresh client process against the shared Local States process. */
export interface ThroughputRunOptions {
  readonly states: LocalStatesProcess;
  readonly variant: ClientVariant;
  /** Log level of the framework. @default 'info' */
  readonly logLevel?: 'info' | 'warn';
  readonly concurrency: number;
  /** Tasks run first and not measured, to let the JIT compile the hot paths. */
  readonly warmupTasks: number;
  readonly tasks: number;
  /** Makes the activity name unique, so no poll of an earlier run takes a task. */
  readonly runId: string;
}

/** Figures of one run. */
export interface ThroughputSample {
  readonly tasksPerSecond: number;
  /** CPU time of the client process per task, in microseconds. */
  readonly clientCpuMicrosPerTask: number;
  /** CPU time of the Local States process per task, in microseconds. */
  readonly statesCpuMicrosPerTask: number;
  readonly succeeded: number;
  readonly notSucceeded: number;
  readonly lost: number;
  readonly clientErrors: number;
}

/** Tasks that no client answers time out after this many seconds rather than hang the run. */
const TASK_TIMEOUT_SECONDS = 300;

/**
 * Runs `tasks` no-op tasks through one client: all are queued at once, and
 * the time runs from the first enqueue to the last outcome, as Local States
 * sees them.
 */
export async function runThroughputOnce(options: ThroughputRunOptions): Promise<ThroughputSample> {
  const { states, variant, concurrency } = options;
  const environmentName = `tp${options.runId}`;
  const workerName = 'noop';
  const activityName = benchActivityName(environmentName, workerName);
  const arn = await states.createActivity(activityName);
  const timeouts = { timeoutSeconds: TASK_TIMEOUT_SECONDS };

  const client = await startClientProcess({
    variant,
    url: states.url,
    activities: [{ environmentName, workerName, arn }],
    concurrency,
    behavior: { kind: 'noop' },
    logLevel: options.logLevel,
  });

  try {
    await states.waitForPolls(activityName, concurrency);
    const warmup = await states.runBatch({ activityName, tasks: options.warmupTasks, timeouts });
    await states.waitForPolls(activityName, concurrency);

    const cpuBefore = await client.request('cpuMicros');
    const batch = await states.runBatch({ activityName, tasks: options.tasks, timeouts });
    const cpuAfter = await client.request('cpuMicros');
    const { errors } = await client.request('stop');

    return {
      tasksPerSecond: (options.tasks / batch.elapsedMs) * 1000,
      clientCpuMicrosPerTask: (cpuAfter - cpuBefore) / options.tasks,
      statesCpuMicrosPerTask: batch.cpuMicros / options.tasks,
      succeeded: batch.succeeded + warmup.succeeded,
      notSucceeded: batch.tasks - batch.succeeded + warmup.tasks - warmup.succeeded,
      lost: batch.lost + warmup.lost,
      clientErrors: errors,
    };
  } finally {
    await client.close();
  }
}
