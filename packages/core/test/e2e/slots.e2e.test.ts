import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { cleanUp, createApp, delay, startStates, waitUntil } from './support/harness';

@Worker('load', { concurrency: 3, maxPollers: 5 })
class LoadWorker {
  async handle(input: { index: number }): Promise<number> {
    await delay(5 + (input.index % 7) * 4);
    return input.index;
  }
}

afterEach(cleanUp);

describe(`${WorkerApplication.name} slots`, () => {
  it('never has more polls plus running tasks than slots under load', async () => {
    const states = await startStates({ pollHoldMs: 500 });
    const { app } = await createApp(states, [LoadWorker]);
    await app.listen();
    let maxBusy = 0;
    const sampler = setInterval(() => {
      const counters = states.counters('load');
      maxBusy = Math.max(maxBusy, counters.pollsInFlight + counters.tasksRunning);
    }, 2);

    const outcomes = await Promise.all(Array.from({ length: 120 }, (_, index) => states.enqueueTask('load', { index }).outcome));
    clearInterval(sampler);

    expect(outcomes.every((outcome) => outcome.status === 'succeeded')).toBe(true);
    const counters = states.counters('load');
    expect(counters.maxPollsInFlight).toBeLessThanOrEqual(3);
    expect(counters.tasksSucceeded).toBe(120);
    expect(maxBusy).toBeLessThanOrEqual(3);
    expect(maxBusy).toBe(3);
    await waitUntil(() => app.counters().load.tasksSucceeded === 120, 'the application counted every success');
    expect(app.counters().load).toMatchObject({ tasksStarted: 120, slotCapacity: 3 });
    expect(app.counters().load.maxPollsInFlight).toBeLessThanOrEqual(3);
  });

  it('keeps min(concurrency, maxPollers) polls waiting when idle', async () => {
    const states = await startStates({ pollHoldMs: 2_000 });
    const { app } = await createApp(states, [LoadWorker], { defaultMaxPollers: 2 });
    await app.listen();
    await delay(300);

    expect(states.counters('load').pollsInFlight).toBe(3);
  });
});
