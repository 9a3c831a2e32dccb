import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Behaviour } from '../src/app/workers';
import { waitFor } from '../src/child/wait-for';
import { Harness } from '../src/harness/harness';

describe('Uncaught errors in a running application', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await Harness.create();
  });

  afterEach(async () => {
    await harness.close();
  });

  it.each([
    ['a throw in a timer callback', 'timer-throw', 'uncaughtException', 'Timer callback of task'],
    ['an unhandled rejection', 'unhandled-rejection', 'unhandledRejection', 'rejected unhandled'],
  ] as const)('answers every task after %s, then exits with code 1', async (_case, behaviour: Behaviour, origin, message) => {
    const { states } = harness;
    const child = harness.startApp({ label: behaviour });
    await child.waitUntilRunning();
    const inFlight = [
      states.enqueueTask('rel_echo', { ms: 600, value: 'finishes within the grace period' }),
      states.enqueueTask('rel_echo', { ms: 600, honourSignal: true, value: 'honours its signal' }),
      states.enqueueTask('rel_stubborn', {}),
    ];
    await waitFor(() => states.counters().tasksRunning === 3, 'three tasks were delivered');

    const culprit = await states.enqueueTask('rel_behaviour', { behaviour, delayMs: 100 }).outcome;
    const exit = await child.exited;
    // A task queued after the exit stays queued for the next application instead of being lost.
    states.enqueueTask('rel_echo', { value: 'after the exit' });

    expect(culprit).toEqual({ status: 'succeeded', output: '{"scheduled":true}' });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(child.uncaughtErrors).toEqual([expect.objectContaining({ uncaughtMonitor: origin, message: expect.stringContaining(message) as unknown })]);
    expect(child.lines.find((line) => line.message === 'Uncaught error; shutting down gracefully, then exiting with code 1')).toMatchObject({
      level: 'error',
      origin,
    });
    expect(await Promise.all(inFlight.map((task) => task.outcome))).toEqual([
      { status: 'succeeded', output: '{"value":"finishes within the grace period"}' },
      { status: 'succeeded', output: '{"value":"honours its signal"}' },
      expect.objectContaining({ status: 'failed', error: 'Worker.ShuttingDown' }),
    ]);
    expect(states.counters()).toMatchObject({ tasksLost: 0, tasksRunning: 0, tasksPending: 1 });
    expect(harness.recorder.findings).toEqual([]);
  });
});
