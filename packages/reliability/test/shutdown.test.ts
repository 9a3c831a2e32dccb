import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { waitFor } from '../src/child/wait-for';
import { Harness } from '../src/harness/harness';
import { runShutdownRounds, type ShutdownRoundsReport } from '../src/scenarios/shutdown-rounds';

/** Outcomes a task may have when its worker is shut down: finished, or cut and retryable. */
const allowedOutcomes = /^rel_[a-z]+ (succeeded|failed Worker\.ShuttingDown)$/;

describe('Rolling deploys under load', () => {
  let harness: Harness;
  let report: ShutdownRoundsReport;

  beforeAll(async () => {
    harness = await Harness.create();
    report = await runShutdownRounds(harness, { rounds: 3, secondSignalEvery: 3, loadMs: 1_000 });
  }, 120_000);

  afterAll(async () => {
    await harness.close();
  });

  it('signals applications with tasks running and polls in flight', () => {
    for (const round of report.rounds) {
      expect(round.runningAtSignal, `round ${round.round}`).toBeGreaterThanOrEqual(2);
      expect(round.pollsAtSignal, `round ${round.round}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('exits with 0 after one SIGTERM and 143 after two', () => {
    for (const round of report.rounds) {
      expect(round.exit, `round ${round.round}`).toEqual({ code: round.secondSignal ? 143 : 0, signal: null });
    }
  });

  it('ends each shutdown within the grace period plus one poll hold', () => {
    for (const round of report.rounds) {
      // 1 s grace, 1 s poll hold, process exit; a second signal exits within about 2 s.
      expect(round.shutdownMs, `round ${round.round}`).toBeLessThan(round.secondSignal ? 4_000 : 6_000);
    }
  });

  it('leaves no task running after each exit', () => {
    for (const round of report.rounds) {
      expect(round.tasksRunningAfterExit, `round ${round.round}`).toBe(0);
      expect(round.deliveredNotEnded, `round ${round.round}`).toBe(0);
    }
  });

  it('loses no task', () => {
    expect(report.tasksLost).toBe(0);
    expect(report.ended).toBe(report.enqueued);
  });

  it('answers every task with success or Worker.ShuttingDown', () => {
    const unexpected = Object.keys(report.outcomes).filter((key) => !allowedOutcomes.test(key));

    expect(unexpected).toEqual([]);
    expect(report.outcomes['rel_echo succeeded']).toBeGreaterThan(0);
    expect(report.outcomes['rel_stubborn failed Worker.ShuttingDown']).toBe(report.rounds.length);
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});

describe('Second SIGTERM with polls in flight', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.create({ pollHoldMs: 5_000 });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('loses a task queued while the aborted polls are still held', async () => {
    const child = harness.startApp({ label: 'immediate' });
    await child.waitUntilRunning();
    await waitFor(() => harness.states.counters('rel_typed').pollsInFlight === 1, 'rel_typed is polling');

    child.signal('SIGTERM');
    await child.waitForLine((line) => line.message === 'Shutdown started; polling stopped', 'the shutdown started');
    child.signal('SIGTERM');
    expect(await child.exited).toEqual({ code: 143, signal: null });

    // The service still holds the poll the immediate stop aborted, and hands it the task: the documented limit.
    const task = harness.states.enqueueTask('rel_typed', { name: 'orphan', count: 1 }, { timeoutSeconds: 1 });

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.Timeout' });
    expect(harness.states.counters('rel_typed').tasksLost).toBe(1);
  });
});
