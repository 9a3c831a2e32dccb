import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import type { TaskAbortReason, TaskContext } from '../../src/task/task-context';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, createApp, startStates, waitUntil } from './support/harness';

/** Reasons with which the signals of `WaitForSignalWorker` tasks aborted, in order. */
const abortReasons: TaskAbortReason[] = [];
let handlersRunning = 0;

@Worker('wait_for_signal', { concurrency: 1, heartbeatSeconds: 1.5 })
class WaitForSignalWorker {
  async handle(_input: unknown, task: TaskContext): Promise<string> {
    handlersRunning += 1;

    try {
      await new Promise<void>((resolve) => task.signal.addEventListener('abort', () => resolve(), { once: true }));
      abortReasons.push(task.signal.reason as TaskAbortReason);
      return 'finished after abort';
    } finally {
      handlersRunning -= 1;
    }
  }
}

@Worker('heartbeating', { concurrency: 1, heartbeatSeconds: 0.2 })
class HeartbeatingWorker {
  async handle(_input: unknown, task: TaskContext): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return task.signal.aborted ? 'aborted' : 'done';
  }
}

afterEach(async () => {
  abortReasons.length = 0;
  handlersRunning = 0;
  await cleanUp();
});

describe(`${WorkerApplication.name} cancellation`, () => {
  it('aborts the handler when its task times out on heartbeats, and answers nothing', async () => {
    const states = await startStates();
    const { app, entries } = await createApp(states, [WaitForSignalWorker]);
    await app.listen();

    const task = states.enqueueTask('wait_for_signal', {}, { heartbeatSeconds: 1 });

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });
    await waitUntil(() => abortReasons.length === 1, 'the handler saw its signal abort');
    expect(abortReasons[0]).toEqual({ kind: 'heartbeat-rejected', code: 'TaskTimedOut', message: expect.any(String) });
    await waitUntil(() => entriesWith(entries, 'Task finished').length === 1, 'the outcome was logged');
    expect(entriesWith(entries, 'Task finished')).toMatchObject([{ level: 'warn', outcome: 'not-answered', worker: 'wait_for_signal' }]);

    const requests = states.counters('wait_for_signal').requests;
    expect(requests.SendTaskSuccess ?? 0).toBe(0);
    expect(requests.SendTaskFailure ?? 0).toBe(0);
  });

  it('keeps a task alive with heartbeats past its HeartbeatSeconds', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [HeartbeatingWorker]);
    await app.listen();

    const outcome = await states.enqueueTask('heartbeating', {}, { heartbeatSeconds: 1 }).outcome;

    expect(outcome).toEqual({ status: 'succeeded', output: '"done"' });
    expect(states.counters('heartbeating').heartbeatsReceived).toBeGreaterThanOrEqual(5);
  });

  it('aborts the handler when its execution is stopped', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [WaitForSignalWorker], { defaultHeartbeatSeconds: 0.2 });
    await app.listen();
    await states.createStateMachine('wait', {
      StartAt: 'Wait',
      States: { Wait: { Type: 'Task', Resource: states.activityArn('wait_for_signal'), End: true } },
    });

    const executionArn = states.startExecution('wait', {});
    await waitUntil(() => handlersRunning === 1, 'the handler is running');
    states.stopExecution(executionArn);

    await waitUntil(() => abortReasons.length === 1, 'the handler saw its signal abort');
    expect(abortReasons[0]).toMatchObject({ kind: 'heartbeat-rejected', code: 'TaskTimedOut' });
    expect(states.describeExecution(executionArn).status).toBe('ABORTED');
  });
});
