import { afterEach, describe, expect, it } from 'vitest';

import { ActivityPoller } from '../../src/polling/activity-poller';
import { Backoff } from '../../src/polling/backoff';
import { entriesWith } from './support/capture-logger';
import { runnerFixture } from './support/runner-fixture';
import { serviceError } from './support/scripted-activity-api';

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pollerFixture(options: { concurrency: number; maxPollers: number; backoff?: Backoff }) {
  const fixture = runnerFixture();
  const poller = new ActivityPoller({
    workerName: 'resize',
    activityArn: 'arn:aws:states:us-east-1:123456789012:activity:resize',
    concurrency: options.concurrency,
    maxPollers: options.maxPollers,
    api: fixture.api,
    runner: fixture.runner,
    events: fixture.events,
    logger: fixture.logger,
    backoff: options.backoff ?? new Backoff({ baseMs: 20, maxMs: 40 }),
    minEmptyPollCycleMs: 0,
  });

  return { ...fixture, poller };
}

const pollers: ActivityPoller[] = [];

afterEach(async () => {
  for (const poller of pollers.splice(0)) {
    poller.abortPolls();
    await poller.whenStopped();
  }
});

describe(ActivityPoller.name, () => {
  it('keeps min(free slots, maxPollers) polls in flight', async () => {
    const { api, poller, setBehaviour } = pollerFixture({ concurrency: 3, maxPollers: 2 });
    pollers.push(poller);
    const finishers: Array<() => void> = [];
    setBehaviour(() => new Promise((resolve) => finishers.push(() => resolve({ kind: 'success', output: '1' }))));

    poller.start();
    await tick();
    expect(api.pollsInFlight).toBe(2);

    api.answerNextPoll({ taskToken: 't1', input: '{}' });
    await tick();
    expect(poller.slots.inUse).toBe(3);
    expect(api.pollsInFlight).toBe(2);

    api.answerNextPoll({ taskToken: 't2', input: '{}' });
    await tick();
    expect(api.pollsInFlight).toBe(1);

    api.answerNextPoll({ taskToken: 't3', input: '{}' });
    await tick();
    expect(api.pollsInFlight).toBe(0);
    expect(poller.slots.inUse).toBe(3);

    finishers.shift()?.();
    await tick();
    expect(api.pollsInFlight).toBe(1);
    expect(api.maxPollsInFlight).toBe(2);
  });

  it('never sends GetActivityTask without a free slot', async () => {
    const { api, poller, runner, setBehaviour } = pollerFixture({ concurrency: 4, maxPollers: 8 });
    pollers.push(poller);
    setBehaviour(async () => {
      await tick(Math.random() * 5);
      return { kind: 'success', output: '1' };
    });
    let maxBusy = 0;

    poller.start();

    for (let index = 0; index < 200; index += 1) {
      await tick();
      maxBusy = Math.max(maxBusy, api.pollsInFlight + runner.runningCount);

      if (api.pendingPolls.length > 0) {
        api.answerNextPoll(index % 3 === 0 ? undefined : { taskToken: `t${index}`, input: '{}' });
      }
    }

    expect(api.maxPollsInFlight).toBe(4);
    expect(maxBusy).toBeLessThanOrEqual(4);
  });

  it('polls again after an empty reply', async () => {
    const { api, poller } = pollerFixture({ concurrency: 1, maxPollers: 1 });
    pollers.push(poller);

    poller.start();
    await tick();
    api.answerNextPoll(undefined);
    await tick();
    api.answerNextPoll(undefined);
    await tick();

    expect(api.pollsSent).toBe(3);
    expect(api.calls).toEqual([]);
  });

  describe('when polls fail', () => {
    it('backs off with one probe at a time and logs the streak once', async () => {
      const { api, poller, entries } = pollerFixture({ concurrency: 4, maxPollers: 4, backoff: new Backoff({ baseMs: 30, maxMs: 30 }) });
      pollers.push(poller);

      poller.start();
      await tick();
      expect(api.pollsInFlight).toBe(4);

      for (let round = 0; round < 6; round += 1) {
        while (api.pendingPolls.length > 0) {
          api.pendingPolls[0].reject(serviceError('ThrottlingException'));
        }

        await tick(40);
        expect(api.pollsInFlight).toBeLessThanOrEqual(1);
      }

      const sentDuringOutage = api.pollsSent;
      expect(sentDuringOutage).toBeLessThanOrEqual(4 + 6 + 1);
      expect(entriesWith(entries, 'GetActivityTask failed; retrying with backoff')).toHaveLength(1);

      api.answerNextPoll(undefined);
      await tick(5);

      expect(entriesWith(entries, 'GetActivityTask recovered')).toMatchObject([{ level: 'info', failures: expect.any(Number) }]);
      expect(api.pollsInFlight).toBe(4);
    });
  });

  describe('when polling stops', () => {
    it('lets the poll in flight return and runs the task it brings', async () => {
      const { api, poller } = pollerFixture({ concurrency: 2, maxPollers: 1 });

      poller.start();
      await tick();
      poller.stopPolling();
      await tick(10);

      expect(api.pendingPolls).toHaveLength(1);
      expect(api.pendingPolls[0].signal?.aborted).toBe(false);

      api.answerNextPoll({ taskToken: 'late', input: '{"x":1}' });
      await poller.whenStopped();
      await tick();

      expect(api.pollsSent).toBe(1);
      expect(api.callsOf('SendTaskSuccess')).toMatchObject([{ taskToken: 'late' }]);
    });

    it('aborts polls in flight only when asked to stop at once', async () => {
      const { api, poller } = pollerFixture({ concurrency: 2, maxPollers: 2 });

      poller.start();
      await tick();
      poller.abortPolls();
      await poller.whenStopped();

      expect(api.pendingPolls).toHaveLength(0);
      expect(poller.pollsInFlight).toBe(0);
      expect(poller.slots.inUse).toBe(0);
    });
  });
});
