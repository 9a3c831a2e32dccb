import { Worker, type TaskAbortReason, type TaskContext, type WorkerCounters } from '@bevault-workers/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { waitFor } from '../src/child/wait-for';
import { StubbornWorker } from '../src/app/workers';
import { Harness } from '../src/harness/harness';

/** Abort reasons the probe's handlers saw, in order. */
const seenReasons: TaskAbortReason[] = [];
/** Handlers of the probe that are still running. */
let probesRunning = 0;

/** Runs until its signal aborts, then records why and rejects, as a well-behaved handler does. */
@Worker('rel_signal_probe', { concurrency: 2, maxPollers: 1, heartbeatSeconds: 0.3 })
class SignalProbeWorker {
  async handle(_input: unknown, task: TaskContext): Promise<never> {
    probesRunning += 1;

    try {
      return await new Promise<never>((_resolve, reject) => {
        task.signal.addEventListener('abort', () => {
          seenReasons.push(task.signal.reason as TaskAbortReason);
          reject(new Error('stopped'));
        });
      });
    } finally {
      probesRunning -= 1;
    }
  }
}

/** Sends its first heartbeat only after 1 s: longer than the 0.5 s HeartbeatSeconds of its tasks. */
@Worker('rel_slow_heartbeat', { concurrency: 1, maxPollers: 1, heartbeatSeconds: 1 })
class SlowHeartbeatWorker extends SignalProbeWorker {}

/** Whether every slot in use holds a poll, so no task holds one. */
function isOnlyPolling(counters: WorkerCounters | undefined): boolean {
  return counters !== undefined && counters.slotsInUse === counters.pollsInFlight;
}

function answersSent(harness: Harness): number {
  const requests = harness.states.counters().requests;
  return (requests.SendTaskSuccess ?? 0) + (requests.SendTaskFailure ?? 0);
}

describe('Task cancellation', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await Harness.create();
    seenReasons.length = 0;
  });

  afterEach(async () => {
    expect(harness.recorder.findings).toEqual([]);
    await harness.close();
  });

  it('aborts the handler through its signal when the heartbeat deadline passes', async () => {
    const { app } = await harness.createApp([SlowHeartbeatWorker]);
    await app.listen();

    const task = harness.states.enqueueTask('rel_slow_heartbeat', {}, { heartbeatSeconds: 0.5 });

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });
    await waitFor(() => seenReasons.length === 1, 'the handler saw its signal abort', 5_000);
    expect(seenReasons[0]).toMatchObject({ kind: 'heartbeat-rejected', code: 'TaskTimedOut' });
    expect(answersSent(harness)).toBe(0);
    expect(app.counters().rel_slow_heartbeat).toMatchObject({ tasksNotAnswered: 1 });

    // The worker has one slot: a second task runs only if the first one gave it back.
    const next = harness.states.enqueueTask('rel_slow_heartbeat', {}, { heartbeatSeconds: 0.5 });
    await expect(next.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });
    await waitFor(() => seenReasons.length === 2, 'the second handler saw its signal abort', 5_000);
  });

  it('aborts the handler through its signal on StopExecution', async () => {
    const { app } = await harness.createApp([SignalProbeWorker]);
    await app.listen();
    await harness.states.createStateMachine('probe', {
      StartAt: 'Probe',
      States: { Probe: { Type: 'Task', Resource: harness.states.activityArn('rel_signal_probe'), HeartbeatSeconds: 30, End: true } },
    });

    const execution = harness.states.startExecution('probe', {});
    await waitFor(() => probesRunning === 1, 'the handler started');
    harness.states.stopExecution(execution, { error: 'Operator.Stop', cause: 'stopped by the test' });

    await waitFor(() => seenReasons.length === 1, 'the handler saw its signal abort', 5_000);
    expect(seenReasons[0]).toMatchObject({ kind: 'heartbeat-rejected', code: 'TaskTimedOut' });
    expect(harness.states.describeExecution(execution)).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop' });
    await waitFor(() => isOnlyPolling(app.counters().rel_signal_probe), 'the slot was released');
    expect(answersSent(harness)).toBe(0);
  });

  it('ends an ignoring handler at the grace period', async () => {
    const { app, lines } = await harness.createApp([StubbornWorker, SignalProbeWorker], { shutdownGraceSeconds: 1 });
    await app.listen();
    const stubborn = harness.states.enqueueTask('rel_stubborn', {});
    const probe = harness.states.enqueueTask('rel_signal_probe', {});
    await waitFor(() => harness.states.counters().tasksRunning === 2, 'both tasks were delivered');

    const closingAt = Date.now();
    await app.close();
    const closeMs = Date.now() - closingAt;

    // 1 s grace, then at most the 1 s poll hold of the polls in flight.
    expect(closeMs).toBeGreaterThanOrEqual(1_000);
    expect(closeMs).toBeLessThan(4_000);
    await expect(stubborn.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
    await expect(probe.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
    expect(seenReasons).toEqual([{ kind: 'shutdown', graceMs: 1_000 }]);
    expect(lines.find((line) => line.message === 'Shutdown: grace period over; answering running tasks with Worker.ShuttingDown')).toMatchObject({
      cancelledTasks: 2,
    });
    expect(harness.states.counters()).toMatchObject({ tasksLost: 0, tasksRunning: 0 });
  });
});
