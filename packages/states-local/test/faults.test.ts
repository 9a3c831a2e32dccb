import { CreateActivityCommand, GetActivityTaskCommand, ListActivitiesCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { closeSession, openSession, rejectionOf } from './support/clients';

describe('FaultInjector', () => {
  let states: StatesLocal;
  let client: SFNClient;

  beforeEach(async () => {
    ({ states, client } = await openSession());
  });

  afterEach(() => closeSession({ states, client }));

  it('answers internal-failure with HTTP 500 InternalFailure', async () => {
    states.faults.add({ operation: 'ListActivities', kind: 'internal-failure' });

    const error = await rejectionOf(client.send(new ListActivitiesCommand({})));

    expect(error.name).toBe('InternalFailure');
    expect(error.$metadata?.httpStatusCode).toBe(500);
  });

  it('answers throttling with ThrottlingException', async () => {
    states.faults.add({ operation: 'ListActivities', kind: 'throttling' });

    const error = await rejectionOf(client.send(new ListActivitiesCommand({})));

    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('resets the connection for connection-reset', async () => {
    states.faults.add({ operation: 'ListActivities', kind: 'connection-reset' });

    const error = await rejectionOf(client.send(new ListActivitiesCommand({})));

    expect((error as NodeJS.ErrnoException).code).toBe('ECONNRESET');
  });

  it('delays the answer by latencyMs for latency', async () => {
    states.faults.add({ operation: 'ListActivities', kind: 'latency', latencyMs: 300 });

    const startedAt = Date.now();
    await client.send(new ListActivitiesCommand({}));

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('affects only the named operation', async () => {
    states.faults.add({ operation: 'GetActivityTask', kind: 'internal-failure' });

    await expect(client.send(new CreateActivityCommand({ name: 'spared' }))).resolves.toBeDefined();
    const error = await rejectionOf(client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('spared') })));
    expect(error.name).toBe('InternalFailure');
  });

  it('affects every operation when none is named', async () => {
    states.faults.add({ kind: 'throttling' });

    expect((await rejectionOf(client.send(new ListActivitiesCommand({})))).name).toBe('ThrottlingException');
    expect((await rejectionOf(client.send(new CreateActivityCommand({ name: 'x' })))).name).toBe('ThrottlingException');
  });

  it('stops after times hits', async () => {
    states.faults.add({ kind: 'internal-failure', times: 2 });

    await rejectionOf(client.send(new ListActivitiesCommand({})));
    await rejectionOf(client.send(new ListActivitiesCommand({})));

    await expect(client.send(new ListActivitiesCommand({}))).resolves.toBeDefined();
    expect(states.faults.list()).toEqual([]);
  });

  it('hits about the given share of requests with probability', async () => {
    states.faults.add({ operation: 'ListActivities', kind: 'internal-failure', probability: 0.5 });

    const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.send(new ListActivitiesCommand({}))));
    const failed = results.filter((result) => result.status === 'rejected').length;

    // With p = 0.5 and n = 200, 60..140 failures has a chance of failing below 1e-8.
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
  });

  it('never hits with probability 0', async () => {
    states.faults.add({ kind: 'internal-failure', probability: 0 });

    await expect(client.send(new ListActivitiesCommand({}))).resolves.toBeDefined();
  });

  it('is removed by remove and clear', async () => {
    const id = states.faults.add({ kind: 'internal-failure' });
    states.faults.add({ kind: 'throttling' });

    expect(states.faults.remove(id)).toBe(true);
    expect((await rejectionOf(client.send(new ListActivitiesCommand({})))).name).toBe('ThrottlingException');
    states.faults.clear();
    await expect(client.send(new ListActivitiesCommand({}))).resolves.toBeDefined();
  });

  it.each([
    [{ kind: 'internal-failure', probability: 1.5 }, /probability/],
    [{ kind: 'latency' }, /latencyMs/],
    [{ kind: 'throttling', times: 0 }, /times/],
  ] as const)('rejects the invalid rule %j', (rule, message) => {
    expect(() => states.faults.add(rule)).toThrow(message);
  });
});
