import { setTimeout as sleep } from 'node:timers/promises';

import { StatesLocal } from '@bevault-workers/states-local';

import { cpuMicros } from '../measure/process-usage';
import { serveCommands } from '../process/serve-commands';
import { HeartbeatTracker, summarizeHeartbeats } from './heartbeat-tracker';
import type { BatchReport, BatchRequest, StatesCommands } from './states-commands';

/**
 * Child process running Local States on a free loopback port, so that its
 * CPU time is measured apart from the client's.
 */
let states: StatesLocal | undefined;

function running(): StatesLocal {
  if (states === undefined) {
    throw new Error("Local States is not started; send 'start' first.");
  }

  return states;
}

async function runBatch(request: BatchRequest): Promise<BatchReport> {
  const endpoint = running();
  const lostBefore = endpoint.counters(request.activityName).tasksLost;
  const trackers: HeartbeatTracker[] = [];
  const cpuBefore = cpuMicros();
  const startedAt = performance.now();

  const outcomes = Array.from({ length: request.tasks }, () => {
    const tracker = request.lateHeartbeatAfterMs === undefined ? undefined : new HeartbeatTracker();
    const task = endpoint.enqueueTask(request.activityName, request.input ?? {}, request.timeouts, tracker?.listener);

    if (tracker === undefined) {
      return task.outcome;
    }

    trackers.push(tracker);

    return task.outcome.then((outcome) => {
      tracker.endedAt = performance.now();

      return outcome;
    });
  });

  const settled = await Promise.all(outcomes);
  const elapsedMs = performance.now() - startedAt;
  const count = (status: string) => settled.filter((outcome) => outcome.status === status).length;

  return {
    tasks: request.tasks,
    elapsedMs,
    cpuMicros: cpuMicros() - cpuBefore,
    succeeded: count('succeeded'),
    failed: count('failed'),
    timedOut: count('timed-out'),
    stopped: count('stopped'),
    lost: endpoint.counters(request.activityName).tasksLost - lostBefore,
    heartbeats: request.lateHeartbeatAfterMs === undefined ? undefined : summarizeHeartbeats(trackers, request.lateHeartbeatAfterMs),
  };
}

async function waitForPolls({ activityName, polls, timeoutMs }: { activityName: string; polls: number; timeoutMs: number }): Promise<void> {
  const endpoint = running();
  const deadline = performance.now() + timeoutMs;

  while (endpoint.counters(activityName).pollsInFlight < polls) {
    if (performance.now() > deadline) {
      const held = endpoint.counters(activityName).pollsInFlight;
      throw new Error(`Only ${held} of ${polls} polls of activity ${activityName} were held after ${timeoutMs} ms; the client did not start polling.`);
    }

    await sleep(5);
  }
}

const commands: StatesCommands = {
  start: async ({ pollHoldMs }) => {
    states ??= await StatesLocal.start({ port: 0, pollHoldMs });

    return { url: states.url };
  },
  createActivity: (name) => running().createActivity(name),
  runBatch,
  waitForPolls,
  cpuMicros: () => cpuMicros(),
  counters: (activityName) => running().counters(activityName),
};

serveCommands(commands, async () => {
  await states?.stop();
});
