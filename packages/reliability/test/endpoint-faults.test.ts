import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Harness } from '../src/harness/harness';
import { runEndpointFaults, type EndpointFaultsReport } from '../src/scenarios/endpoint-faults';

describe('Application under endpoint faults', () => {
  let harness: Harness;
  let report: EndpointFaultsReport;

  beforeAll(async () => {
    harness = await Harness.create();
    report = await runEndpointFaults(harness, { faultsMs: 10_000, outageMs: 4_000 });
  }, 120_000);

  afterAll(async () => {
    await harness.close();
  });

  it('keeps processing tasks while 20 % of calls fail or stall', () => {
    expect(report.endedDuringFaults).toBeGreaterThan(20);
  });

  it('never crashes and raises no uncaught exception or unhandled rejection', () => {
    expect(report.aliveAfterFaults).toBe(true);
    expect(report.uncaughtErrors).toBe(0);
    expect(report.exit).toEqual({ code: 0, signal: null });
  });

  it('keeps its request rate bounded during a total outage', () => {
    expect(report.outageRates.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...report.outageRates.slice(1).map((sample) => sample.requests))).toBeLessThanOrEqual(40);
  });

  it('recovers within seconds after the outage', () => {
    expect(report.recoveryMs).toBeLessThan(8_000);
  });

  it('answers every task with success and loses none', () => {
    expect(Object.keys(report.outcomes).filter((key) => !key.endsWith(' succeeded'))).toEqual([]);
    expect(report.ended).toBe(report.enqueued);
    expect(report.tasksLost).toBe(0);
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});
