import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Harness } from '../../src/harness/harness';
import { runShutdownRounds, type ShutdownRoundsReport } from '../../src/scenarios/shutdown-rounds';
import { writeSoakReport } from '../../src/scenarios/soak-report';

const allowedOutcomes = /^rel_[a-z]+ (succeeded|failed Worker\.ShuttingDown)$/;

describe('Twenty rolling deploys under load', () => {
  let harness: Harness;
  let report: ShutdownRoundsReport;

  beforeAll(async () => {
    harness = await Harness.create();
    report = await runShutdownRounds(harness, { rounds: 20, secondSignalEvery: 4, loadMs: 2_000 });
    await writeSoakReport('shutdown-rounds', report);
  }, 20 * 60_000);

  afterAll(async () => {
    await harness.close();
  });

  it('signals every application with tasks running and polls in flight', () => {
    expect(report.rounds.filter((round) => round.runningAtSignal < 2 || round.pollsAtSignal < 1)).toEqual([]);
  });

  it('exits cleanly, leaving no task running', () => {
    for (const round of report.rounds) {
      expect(round.exit, `round ${round.round}`).toEqual({ code: round.secondSignal ? 143 : 0, signal: null });
      expect(round.tasksRunningAfterExit, `round ${round.round}`).toBe(0);
      expect(round.deliveredNotEnded, `round ${round.round}`).toBe(0);
    }
  });

  it('loses no task and answers each with success or Worker.ShuttingDown', () => {
    expect(report.tasksLost).toBe(0);
    expect(report.ended).toBe(report.enqueued);
    expect(Object.keys(report.outcomes).filter((key) => !allowedOutcomes.test(key))).toEqual([]);
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});
