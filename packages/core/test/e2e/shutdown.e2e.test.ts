import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import type { TaskContext } from '../../src/task/task-context';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, createApp, delay, startStates, waitUntil } from './support/harness';

let slowRunning = 0;
let stubbornRunning = 0;

@Worker('slow', { concurrency: 3, maxPollers: 3 })
class SlowWorker {
  async handle(input: { ms: number }): Promise<string> {
    slowRunning += 1;
    await delay(input.ms);
    slowRunning -= 1;
    return 'done';
  }
}

@Worker('stubborn', { concurrency: 1 })
class StubbornWorker {
  /** Ignores its signal and never settles. */
  handle(_input: unknown, _task: TaskContext): Promise<never> {
    stubbornRunning += 1;
    return new Promise<never>(() => undefined);
  }
}

afterEach(async () => {
  slowRunning = 0;
  stubbornRunning = 0;
  await cleanUp();
});

describe(`${WorkerApplication.name} graceful shutdown`, () => {
  it('answers every delivered task and loses none with tasks and polls in flight', async () => {
    const states = await startStates({ pollHoldMs: 1_500 });
    const { app, entries } = await createApp(states, [SlowWorker, StubbornWorker], { shutdownGraceSeconds: 1 });
    await app.listen();
    const first = [states.enqueueTask('slow', { ms: 400 }), states.enqueueTask('slow', { ms: 400 })];
    const stubborn = states.enqueueTask('stubborn', {});
    await waitUntil(() => slowRunning === 2 && stubbornRunning === 1, 'three handlers are running');
    await waitUntil(() => states.counters('slow').pollsInFlight === 1, 'the free slot of "slow" is polling');

    const startedAt = Date.now();
    const closing = app.close();
    expect(app.state).toBe('stopping');
    const late = states.enqueueTask('slow', { ms: 100 });
    await closing;
    const shutdownMs = Date.now() - startedAt;

    expect(await Promise.all(first.map((task) => task.outcome))).toEqual([
      { status: 'succeeded', output: '"done"' },
      { status: 'succeeded', output: '"done"' },
    ]);
    await expect(late.outcome).resolves.toEqual({ status: 'succeeded', output: '"done"' });
    await expect(stubborn.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });

    const counters = states.counters();
    expect(counters.tasksLost).toBe(0);
    expect(counters.tasksRunning).toBe(0);
    expect(counters.tasksPending).toBe(0);
    expect(counters.tasksDelivered).toBe(counters.tasksSucceeded + counters.tasksFailed);
    expect(counters.pollsInFlight).toBe(0);
    expect(shutdownMs).toBeLessThan(1_000 + 1_500 + 1_000);
    expect(app.state).toBe('stopped');

    expect(entriesWith(entries, 'Shutdown started; polling stopped')).toMatchObject([{ runningTasks: 3, pollsInFlight: 1, graceMs: 1_000 }]);
    expect(entriesWith(entries, 'Shutdown: grace period over; answering running tasks with Worker.ShuttingDown')).toMatchObject([
      { cancelledTasks: 1 },
    ]);
  });

  it('shares one shutdown between repeated close() calls', async () => {
    const states = await startStates();
    const { app, entries } = await createApp(states, [SlowWorker]);
    await app.listen();

    const closes = [app.close(), app.close(), app.close()];
    await Promise.all(closes);

    expect(closes[0]).toBe(closes[1]);
    expect(entriesWith(entries, 'Shutdown started; polling stopped')).toHaveLength(1);
    expect(app.state).toBe('stopped');
  });

  it('resolves start() after the shutdown', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [SlowWorker]);
    let started = false;

    const running = app.start().then(() => (started = true));
    await app.listen();
    await delay(50);
    expect(started).toBe(false);

    await app.close();
    await running;
    expect(started).toBe(true);
  });

  it('stops at once on an immediate close, answering running tasks', async () => {
    const states = await startStates({ pollHoldMs: 5_000 });
    const { app } = await createApp(states, [StubbornWorker], { shutdownGraceSeconds: 30 });
    await app.listen();
    const stubborn = states.enqueueTask('stubborn', {});
    await waitUntil(() => stubbornRunning === 1, 'the handler is running');

    const startedAt = Date.now();
    void app.close();
    await app.close({ immediate: true });

    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await expect(stubborn.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
  });
});
