import { benchActivityName, type ClientVariant } from '../../clients/client-commands';
import { startClientProcess } from '../../clients/client-process-handle';
import type { BatchReport } from '../../states/states-commands';
import type { LocalStatesProcess } from '../../states/local-states-process';

/** Options of {@link runScaleOnce}. */
export interface ScaleRunOptions {
  readonly states: LocalStatesProcess;
  readonly variant: ClientVariant;
  readonly tasks: number;
  readonly sleepMs: number;
  readonly heartbeatSeconds: number;
  readonly runId: string;
}

/** Figures of one scale run. */
export interface ScaleSample {
  readonly report: BatchReport;
  /** CPU time of the client process during the batch, in microseconds. */
  readonly clientCpuMicros: number;
}

/** HeartbeatSeconds of the tasks, in heartbeat intervals: loose, so that a late heartbeat shows as a gap rather than ending the task. */
const HEARTBEAT_TIMEOUT_INTERVALS = 10;

/**
 * Runs `tasks` tasks at once in one client whose concurrency equals the
 * task count: each sleeps `sleepMs` and heartbeats every `heartbeatSeconds`.
 * Local States records every gap between delivery, heartbeats and the
 * answer, and counts a gap longer than two intervals as late.
 */
export async function runScaleOnce(options: ScaleRunOptions): Promise<ScaleSample> {
  const { states, variant, tasks } = options;
  const environmentName = `scale${options.runId}`;
  const workerName = 'sleeper';
  const activityName = benchActivityName(environmentName, workerName);
  const arn = await states.createActivity(activityName);
  const intervalMs = options.heartbeatSeconds * 1000;

  const client = await startClientProcess({
    variant,
    url: states.url,
    activities: [{ environmentName, workerName, arn }],
    concurrency: tasks,
    behavior: { kind: 'sleep', sleepMs: options.sleepMs },
    heartbeatSeconds: options.heartbeatSeconds,
  });

  try {
    await states.waitForPolls(activityName, tasks);

    const cpuBefore = await client.request('cpuMicros');
    const report = await states.runBatch({
      activityName,
      tasks,
      timeouts: { heartbeatSeconds: options.heartbeatSeconds * HEARTBEAT_TIMEOUT_INTERVALS, timeoutSeconds: 120 },
      lateHeartbeatAfterMs: 2 * intervalMs,
    });
    const clientCpuMicros = (await client.request('cpuMicros')) - cpuBefore;

    await client.request('stop');

    return { report, clientCpuMicros };
  } finally {
    await client.close();
  }
}
