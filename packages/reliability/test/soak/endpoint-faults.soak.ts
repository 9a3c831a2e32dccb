import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Harness } from '../../src/harness/harness';
import { runEndpointFaults, type EndpointFaultsReport } from '../../src/scenarios/endpoint-faults';
import { writeSoakReport } from '../../src/scenarios/soak-report';

describe('Application under a minute of endpoint faults', () => {
  let harness: Harness;
  let report: EndpointFaultsReport;

  beforeAll(async () => {
    harness = await Harness.create();
    report = await runEndpointFaults(harness, { faultsMs: 60_000, outageMs: 15_000 });
    await writeSoakReport('endpoint-faults', report);
  }, 5 * 60_000);

  afterAll(async () => {
    await harness.close();
  });

  it('keeps processing tasks while 20 % of calls fail or stall', () => {
    expect(report.endedDuringFaults).toBeGreaterThan(100);
  });

  it('never crashes and raises no uncaught exception or unhandled rejection', () => {
    expect(report.aliveAfterFaults).toBe(true);
    expect(report.uncaughtErrors).toBe(0);
    expect(report.exit).toEqual({ code: 0, signal: null });
  });

  it('keeps its request rate bounded during a total outage', () => {
    // Each task waiting for its answer heartbeats every second (the suite's heartbeat interval) and
    // retries its answer with backoff; each of the 7 pollers probes once per backoff window, up to 5 s.
    const lastFive = report.outageRates.slice(-5).map((sample) => sample.requests);

    expect(Math.max(...report.outageRates.slice(1).map((sample) => sample.requests))).toBeLessThanOrEqual(40);
    expect(lastFive.reduce((sum, requests) => sum + requests, 0) / lastFive.length).toBeLessThanOrEqual(20);
  });

  it('recovers within seconds after the outage', () => {
    expect(report.recoveryMs).toBeLessThan(8_000);
  });

  it('answers every task with success and loses none', () => {
    expect(Object.keys(report.outcomes).filter((key) => !key.endsWith(' succeeded'))).toEqual([]);
    expect(report.tasksLost).toBe(0);
    expect(report.ended).toBe(report.enqueued);
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});
