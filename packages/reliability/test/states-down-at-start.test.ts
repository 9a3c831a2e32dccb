import { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { LogLine } from '../src/child/child-app';
import { findClosedPort } from '../src/child/closed-port';
import { waitFor } from '../src/child/wait-for';
import { Harness } from '../src/harness/harness';
import { suiteCredentials } from '../src/secrets/suite-secrets';

const retryMessage = 'Cannot register activity; retrying with backoff';

function isRetryLine(line: LogLine): boolean {
  return line.message === retryMessage;
}

describe('Application started before States', () => {
  let harness: Harness;
  let lateStates: StatesLocal | undefined;

  beforeEach(async () => {
    harness = await Harness.create();
  });

  afterEach(async () => {
    await harness.close();
    await lateStates?.stop();
    lateStates = undefined;
  });

  it('waits, logs, registers and serves once States is up', async () => {
    const port = await findClosedPort();
    const child = harness.startApp({ label: 'early', statesUrl: `http://127.0.0.1:${port}` });

    const firstRetry = await child.waitForLine(isRetryLine, 'a registration retry was logged');
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(firstRetry).toMatchObject({ level: 'warn', errorCode: 'ECONNREFUSED', endpoint: `http://127.0.0.1:${port}` });
    expect(String(firstRetry.error)).toContain('ECONNREFUSED');
    expect(child.lines.some((line) => line.message === 'Application state changed' && line.to === 'running')).toBe(false);
    expect(child.exitStatus).toBeUndefined();

    lateStates = await StatesLocal.start({ port, pollHoldMs: 1_000, credentials: suiteCredentials });
    await child.waitUntilRunning(20_000);
    const outcomes = await Promise.all([
      lateStates.enqueueTask('rel_echo', { value: 'first' }).outcome,
      lateStates.enqueueTask('rel_typed', { name: 'late', count: 1 }).outcome,
    ]);

    expect(outcomes).toEqual([
      { status: 'succeeded', output: '{"value":"first"}' },
      { status: 'succeeded', output: expect.stringContaining('"name":"late"') as unknown },
    ]);
    expect(child.lines.some((line) => line.message === 'Endpoint reachable again; activity registered')).toBe(true);
    // Activities register concurrently; each logs a reason at warn once, then at debug, however long the outage.
    const retried = child.lines.filter(isRetryLine).map((line) => String(line.activityName));
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(new Set(retried).size).toBe(retried.length);

    child.signal('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.uncaughtErrors).toEqual([]);
    expect(harness.recorder.findings).toEqual([]);
  });

  it('retries CreateActivity through 500s and throttling, then serves', async () => {
    const { states } = harness;
    states.faults.add({ operation: 'CreateActivity', kind: 'internal-failure', times: 2 });
    states.faults.add({ operation: 'CreateActivity', kind: 'throttling', times: 2 });
    const child = harness.startApp({ label: 'throttled' });

    await child.waitUntilRunning();
    const outcome = await states.enqueueTask('rel_echo', { value: 'served' }).outcome;

    expect(outcome).toEqual({ status: 'succeeded', output: '{"value":"served"}' });
    // The activities register concurrently, so four of them each meet one fault.
    expect(child.lines.filter(isRetryLine).map((line) => String(line.errorCode)).sort()).toEqual([
      'InternalFailure',
      'InternalFailure',
      'ThrottlingException',
      'ThrottlingException',
    ]);
    await waitFor(() => states.faults.list().length === 0, 'both fault rules were used up');

    child.signal('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(harness.recorder.findings).toEqual([]);
  });
});
