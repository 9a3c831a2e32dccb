import { afterEach, describe, expect, it } from 'vitest';

import { ActivityPoller } from '../../src/polling/activity-poller';
import { drainWorkers, type WorkerRuntime } from '../../src/shutdown/drain-workers';
import type { TaskAnswer } from '../../src/task/task-answer';
import { entriesWith } from '../polling/support/capture-logger';
import { runnerFixture } from '../polling/support/runner-fixture';

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const activityArn = 'arn:aws:states:us-east-1:123456789012:activity:resize';

function workerFixture() {
  const fixture = runnerFixture();
  const poller = new ActivityPoller({
    workerName: 'resize',
    activityArn,
    concurrency: 2,
    maxPollers: 2,
    api: fixture.api,
    runner: fixture.runner,
    events: fixture.events,
    logger: fixture.logger,
    minEmptyPollCycleMs: 0,
  });
  const worker: WorkerRuntime = { workerName: 'resize', activityArn, poller, runner: fixture.runner };

  return { ...fixture, poller, worker };
}

const pollers: ActivityPoller[] = [];

afterEach(() => {
  pollers.splice(0).forEach((poller) => poller.abortPolls());
});

describe(drainWorkers.name, () => {
  it('waits for polls in flight and running tasks within the grace period', async () => {
    const { api, poller, worker, logger, entries, setBehaviour } = workerFixture();
    pollers.push(poller);
    setBehaviour(async () => {
      await tick(50);
      return { kind: 'success', output: '1' };
    });
    poller.start();
    await tick();
    api.answerNextPoll({ taskToken: 't1', input: '{}' });
    await tick();

    const draining = drainWorkers({ workers: [worker], graceMs: 5_000, logger, immediate: new AbortController().signal });
    await tick(10);
    expect(api.pendingPolls).toHaveLength(1);
    expect(api.pendingPolls[0].signal?.aborted).toBe(false);
    api.answerNextPoll({ taskToken: 't2', input: '{}' });
    await draining;

    expect(api.callsOf('SendTaskSuccess').map((call) => call.taskToken)).toEqual(['t1', 't2']);
    expect(entriesWith(entries, 'Shutdown started; polling stopped')).toMatchObject([{ runningTasks: 1, pollsInFlight: 1, graceMs: 5_000 }]);
    expect(entriesWith(entries, 'Shutdown: every task answered; no poll in flight')).toHaveLength(1);
  });

  it('answers tasks still running after the grace period with Worker.ShuttingDown', async () => {
    const { api, poller, worker, logger, entries, setBehaviour } = workerFixture();
    pollers.push(poller);
    setBehaviour(() => new Promise<TaskAnswer>(() => undefined));
    poller.start();
    await tick();
    api.answerNextPoll({ taskToken: 't1', input: '{}' });
    api.answerNextPoll({ taskToken: 't2', input: '{}' });
    await tick();

    const startedAt = Date.now();
    await drainWorkers({ workers: [worker], graceMs: 100, logger, immediate: new AbortController().signal });

    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(api.callsOf('SendTaskFailure').map((call) => call.error)).toEqual(['Worker.ShuttingDown', 'Worker.ShuttingDown']);
    expect(entriesWith(entries, 'Shutdown: grace period over; answering running tasks with Worker.ShuttingDown')).toMatchObject([
      { cancelledTasks: 2, runningTasks: 2, pollsInFlight: 0 },
    ]);
  });

  describe('when no task runs', () => {
    it('ends when the polls return, before the grace period', async () => {
      const { api, poller, worker, logger, entries } = workerFixture();
      pollers.push(poller);
      poller.start();
      await tick();

      const startedAt = Date.now();
      const draining = drainWorkers({ workers: [worker], graceMs: 60_000, logger, immediate: new AbortController().signal });
      await tick(20);
      api.answerNextPoll(undefined);
      api.answerNextPoll(undefined);
      await draining;

      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(entriesWith(entries, 'Shutdown: no task running; waiting for polls in flight to return, up to the poll hold')).toMatchObject([
        { level: 'info', runningTasks: 0, pollsInFlight: 2 },
      ]);
      expect(entriesWith(entries, 'Shutdown: every task answered; no poll in flight')).toHaveLength(1);
    });

    it('logs no warning when the grace period ends', async () => {
      const { api, poller, worker, logger, entries } = workerFixture();
      pollers.push(poller);
      poller.start();
      await tick();

      const draining = drainWorkers({ workers: [worker], graceMs: 50, logger, immediate: new AbortController().signal });
      await tick(150);
      api.answerNextPoll(undefined);
      api.answerNextPoll(undefined);
      await draining;

      expect(entries.filter((entry) => entry.level === 'warn')).toEqual([]);
      expect(entriesWith(entries, 'Shutdown: grace period over with no task running')).toMatchObject([{ level: 'debug', runningTasks: 0 }]);
    });
  });

  it('aborts polls in flight when asked to stop at once', async () => {
    const { api, poller, worker, logger, entries } = workerFixture();
    pollers.push(poller);
    poller.start();
    await tick();
    const immediate = new AbortController();

    const draining = drainWorkers({ workers: [worker], graceMs: 60_000, logger, immediate: immediate.signal });
    await tick(10);
    immediate.abort();
    await draining;

    expect(api.pendingPolls).toHaveLength(0);
    expect(entriesWith(entries, 'Shutdown: stopping now; polls in flight aborted')).toMatchObject([{ abandonedPolls: 2 }]);
  });
});
