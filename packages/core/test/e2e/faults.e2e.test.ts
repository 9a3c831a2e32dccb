import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, createApp, delay, startStates, waitUntil } from './support/harness';

@Worker('steady', { concurrency: 4, maxPollers: 4 })
class SteadyWorker {
  handle(input: { index: number }): number {
    return input.index;
  }
}

afterEach(cleanUp);

describe(`${WorkerApplication.name} under endpoint faults`, () => {
  it.each(['throttling', 'internal-failure', 'connection-reset'] as const)(
    'backs off GetActivityTask on %s with a bounded request rate, then recovers',
    async (kind) => {
      const states = await startStates({ pollHoldMs: 500 });
      const { app, entries } = await createApp(states, [SteadyWorker]);
      const faultId = states.faults.add({ operation: 'GetActivityTask', kind });

      await app.listen();
      await delay(2_000);
      const pollsDuringOutage = states.counters().requests.GetActivityTask ?? 0;
      states.faults.remove(faultId);

      // Four lanes fail at once, then one probe per backoff window (250 ms doubling, full jitter).
      expect(pollsDuringOutage).toBeGreaterThanOrEqual(4);
      expect(pollsDuringOutage).toBeLessThanOrEqual(4 + 10);
      expect(entriesWith(entries, 'GetActivityTask failed; retrying with backoff')).toHaveLength(1);

      const outcome = await states.enqueueTask('steady', { index: 7 }).outcome;
      expect(outcome).toEqual({ status: 'succeeded', output: '7' });
      await waitUntil(() => entriesWith(entries, 'GetActivityTask recovered').length === 1, 'the recovery was logged', 15_000);
      expect(app.counters().steady.pollErrorsByCode).not.toEqual({});
    },
    30_000,
  );

  it('delivers answers through throttling and 500s', async () => {
    const states = await startStates({ pollHoldMs: 500 });
    const { app, entries } = await createApp(states, [SteadyWorker]);
    await app.listen();
    states.faults.add({ operation: 'SendTaskSuccess', kind: 'throttling', times: 2 });
    states.faults.add({ operation: 'SendTaskSuccess', kind: 'internal-failure', times: 2 });

    const outcomes = await Promise.all([1, 2, 3].map((index) => states.enqueueTask('steady', { index }).outcome));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(states.counters().requests.SendTaskSuccess).toBe(7);
    expect(entriesWith(entries, 'SendTaskSuccess recovered').length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a task running through failed heartbeats', async () => {
    const states = await startStates({ pollHoldMs: 500 });

    @Worker('patient', { concurrency: 1, heartbeatSeconds: 0.2 })
    class PatientWorker {
      async handle(): Promise<string> {
        await delay(1_200);
        return 'ok';
      }
    }

    const { app } = await createApp(states, [PatientWorker]);
    await app.listen();
    states.faults.add({ operation: 'SendTaskHeartbeat', kind: 'internal-failure', times: 3 });

    await expect(states.enqueueTask('patient', {}, { heartbeatSeconds: 2 }).outcome).resolves.toEqual({ status: 'succeeded', output: '"ok"' });
    expect(app.counters().patient.heartbeatFailures).toBe(3);
  });
});
