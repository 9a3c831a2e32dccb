import { setTimeout as sleep } from 'node:timers/promises';

import { benchActivityName, type ClientVariant } from '../../clients/client-commands';
import { startClientProcess } from '../../clients/client-process-handle';
import { mebibytes, type MemorySample } from '../../measure/process-usage';
import { median } from '../../measure/statistics';
import type { BatchReport } from '../../states/states-commands';
import type { LocalStatesProcess } from '../../states/local-states-process';

/** Workers of the measured application, each on an activity of its own. */
export const WORKER_COUNT = 5;

/** Memory of one client process, in MiB, after a full garbage collection. */
export interface MemoryFigures {
  readonly idleRssMib: number;
  readonly idleHeapMib: number;
  /** Set when tasks were held in flight. */
  readonly loadedRssMib?: number;
  readonly loadedHeapMib?: number;
  readonly tasksInFlight?: number;
  readonly tasksSucceeded?: number;
}

/** Options of {@link measureMemory}. */
export interface MemoryRunOptions {
  readonly states: LocalStatesProcess;
  readonly variant: ClientVariant;
  /** Concurrency of each worker. */
  readonly concurrency: number;
  /** Tasks held in flight per worker after the idle sample; none when 0. */
  readonly tasksPerWorker: number;
  /** Time the client is left polling before its idle sample, in milliseconds. */
  readonly settleMs: number;
  readonly runId: string;
}

/** Samples taken per state; their median is kept. */
const SAMPLES = 3;

/**
 * Starts a client with {@link WORKER_COUNT} workers, samples its memory once
 * every poll is held, then, when asked, queues tasks that the workers hold
 * until all of them are in flight, samples again, and lets them finish.
 */
export async function measureMemory(options: MemoryRunOptions): Promise<MemoryFigures> {
  const { states, variant, concurrency, tasksPerWorker } = options;
  const environmentName = `mem${options.runId}`;
  const workerNames = Array.from({ length: WORKER_COUNT }, (_, index) => `held_${index + 1}`);
  const activityNames = workerNames.map((workerName) => benchActivityName(environmentName, workerName));
  const arns = await Promise.all(activityNames.map((name) => states.createActivity(name)));

  const client = await startClientProcess(
    {
      variant,
      url: states.url,
      activities: workerNames.map((workerName, index) => ({ environmentName, workerName, arn: arns[index] })),
      concurrency,
      behavior: { kind: 'hold' },
    },
    ['--expose-gc'],
  );

  try {
    for (const name of activityNames) {
      await states.waitForPolls(name, concurrency);
    }

    await sleep(options.settleMs);
    const idle = await sampleClient(() => client.request('memory'));

    if (tasksPerWorker === 0) {
      return { idleRssMib: idle.rss, idleHeapMib: idle.heap };
    }

    const batches: Array<Promise<BatchReport>> = activityNames.map((activityName) => states.runBatch({ activityName, tasks: tasksPerWorker, timeouts: { timeoutSeconds: 300 } }));
    const expected = tasksPerWorker * WORKER_COUNT;
    const tasksInFlight = await waitForHeldTasks(() => client.request('heldTasks'), expected);
    const loaded = await sampleClient(() => client.request('memory'));

    await client.request('release');
    const reports = await Promise.all(batches);
    await client.request('stop');

    return {
      idleRssMib: idle.rss,
      idleHeapMib: idle.heap,
      loadedRssMib: loaded.rss,
      loadedHeapMib: loaded.heap,
      tasksInFlight,
      tasksSucceeded: reports.reduce((sum, report) => sum + report.succeeded, 0),
    };
  } finally {
    await client.close();
  }
}

async function sampleClient(read: () => Promise<MemorySample>): Promise<{ rss: number; heap: number }> {
  const samples: MemorySample[] = [];

  for (let index = 0; index < SAMPLES; index += 1) {
    samples.push(await read());
    await sleep(100);
  }

  return {
    rss: mebibytes(median(samples.map((sample) => sample.rssBytes))),
    heap: mebibytes(median(samples.map((sample) => sample.heapUsedBytes))),
  };
}

/** Waits until `expected` tasks are held, or 60 s; returns how many were. */
async function waitForHeldTasks(read: () => Promise<number>, expected: number): Promise<number> {
  const deadline = performance.now() + 60_000;
  let held = await read();

  while (held < expected && performance.now() < deadline) {
    await sleep(50);
    held = await read();
  }

  return held;
}
