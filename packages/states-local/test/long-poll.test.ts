import { request } from 'node:http';

import { GetActivityTaskCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { createClient, rejectionOf, startStates } from './support/clients';

/** Sends a raw GetActivityTask and destroys the socket after `abortAfterMs`. */
function abandonedPoll(states: StatesLocal, activityArn: string, abortAfterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${states.url}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.GetActivityTask' },
    });

    req.on('error', () => resolve());
    req.end(JSON.stringify({ activityArn }));
    setTimeout(() => {
      req.destroy();
      resolve();
    }, abortAfterMs);
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Condition not met in time.');
    }

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('GetActivityTask', () => {
  let states: StatesLocal;
  let client: SFNClient;

  afterEach(async () => {
    client.destroy();
    await states.stop();
  });

  describe('when no task arrives', () => {
    it('holds the poll for pollHoldMs and answers without a task token', async () => {
      states = await startStates({ pollHoldMs: 600 });
      client = createClient(states);
      const activityArn = states.createActivity('idle');

      const startedAt = Date.now();
      const answer = await client.send(new GetActivityTaskCommand({ activityArn, workerName: 'w1' }));
      const heldMs = Date.now() - startedAt;

      expect(answer.taskToken).toBeUndefined();
      expect(answer.input).toBeUndefined();
      expect(heldMs).toBeGreaterThanOrEqual(580);
      expect(heldMs).toBeLessThan(1_500);
      expect(states.counters('idle')).toMatchObject({ pollsReceived: 1, emptyPolls: 1, pollsInFlight: 0, maxPollsInFlight: 1 });
    });
  });

  describe('when a task is queued during the hold', () => {
    it('answers at once with the task', async () => {
      states = await startStates({ pollHoldMs: 5_000 });
      client = createClient(states);
      const activityArn = states.createActivity('busy');

      const startedAt = Date.now();
      const polling = client.send(new GetActivityTaskCommand({ activityArn }));
      setTimeout(() => states.enqueueTask('busy', { id: 7 }), 100);
      const answer = await polling;

      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(answer.taskToken).toEqual(expect.any(String));
      expect(JSON.parse(answer.input ?? '')).toEqual({ id: 7 });
    });
  });

  describe('when tasks are already queued', () => {
    it('delivers them in order without holding', async () => {
      states = await startStates();
      client = createClient(states);
      states.enqueueTask('fifo', { n: 1 });
      states.enqueueTask('fifo', { n: 2 });
      const activityArn = states.activityArn('fifo');

      const first = await client.send(new GetActivityTaskCommand({ activityArn }));
      const second = await client.send(new GetActivityTaskCommand({ activityArn }));

      expect(JSON.parse(first.input ?? '')).toEqual({ n: 1 });
      expect(JSON.parse(second.input ?? '')).toEqual({ n: 2 });
      expect(states.counters('fifo')).toMatchObject({ tasksDelivered: 2, tasksPending: 0, tasksRunning: 2 });
    });
  });

  describe('with many concurrent polls', () => {
    it('delivers each task to exactly one poll', async () => {
      states = await startStates({ pollHoldMs: 1_500 });
      client = createClient(states);
      const activityArn = states.createActivity('shared');

      const polls = Array.from({ length: 20 }, () => client.send(new GetActivityTaskCommand({ activityArn })));
      await waitFor(() => states.counters('shared').pollsInFlight === 20);
      const tasks = Array.from({ length: 12 }, (_, n) => states.enqueueTask('shared', { n }));
      const answers = await Promise.all(polls);

      const tokens = answers.map((answer) => answer.taskToken).filter((token) => token !== undefined);
      expect(tokens).toHaveLength(12);
      expect(new Set(tokens).size).toBe(12);
      expect(tokens.sort()).toEqual(tasks.map((task) => task.taskToken).sort());
      expect(states.counters('shared')).toMatchObject({ tasksDelivered: 12, emptyPolls: 8, maxPollsInFlight: 20, pollsInFlight: 0 });
    });
  });

  it('keeps the token valid until the task ends', async () => {
    states = await startStates();
    client = createClient(states);
    const task = states.enqueueTask('valid', {});
    const answer = await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('valid') }));

    await client.send(new SendTaskSuccessCommand({ taskToken: answer.taskToken, output: '{"done":true}' }));

    await expect(task.outcome).resolves.toEqual({ status: 'succeeded', output: '{"done":true}' });
    const late = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken: answer.taskToken, output: '{}' })));
    expect(late.name).toBe('TaskTimedOut');
  });

  it('rejects a workerName longer than 80 characters with ValidationException', async () => {
    states = await startStates();
    client = createClient(states);
    const activityArn = states.createActivity('named');

    const error = await rejectionOf(client.send(new GetActivityTaskCommand({ activityArn, workerName: 'w'.repeat(81) })));

    expect(error.name).toBe('ValidationException');
    expect(states.counters('named').pollsReceived).toBe(0);
  });

  it('rejects a malformed ARN with InvalidArn', async () => {
    states = await startStates();
    client = createClient(states);

    const error = await rejectionOf(client.send(new GetActivityTaskCommand({ activityArn: 'arn:aws:states:us-east-1:123:activity:x' })));

    expect(error.name).toBe('InvalidArn');
  });

  describe('when the client hangs up during the hold', () => {
    it('still takes the next task and counts it as lost by default', async () => {
      states = await startStates({ pollHoldMs: 2_000 });
      client = createClient(states);
      const activityArn = states.createActivity('careless');

      await abandonedPoll(states, activityArn, 100);
      // The server learns of the hang-up on its next turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(states.counters('careless').pollsInFlight).toBe(1);
      const task = states.enqueueTask('careless', {}, { heartbeatSeconds: 0.3 });

      expect(states.counters('careless')).toMatchObject({ tasksDelivered: 1, tasksLost: 1, tasksRunning: 1 });
      await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });
    });

    it('drops the poll at once when deliverToClosedPolls is false', async () => {
      states = await startStates({ pollHoldMs: 2_000, deliverToClosedPolls: false });
      client = createClient(states);
      const activityArn = states.createActivity('careful');

      await abandonedPoll(states, activityArn, 100);
      await waitFor(() => states.counters('careful').pollsInFlight === 0);
      states.enqueueTask('careful', {});

      expect(states.counters('careful')).toMatchObject({ tasksDelivered: 0, tasksLost: 0, tasksPending: 1, emptyPolls: 1 });
    });
  });

  describe('when Local States stops', () => {
    it('ends held polls without a task', async () => {
      states = await startStates({ pollHoldMs: 10_000 });
      client = createClient(states);
      const activityArn = states.createActivity('closing');

      const polling = client.send(new GetActivityTaskCommand({ activityArn }));
      await waitFor(() => states.counters('closing').pollsInFlight === 1);
      const startedAt = Date.now();
      await states.stop();
      const answer = await polling;

      expect(answer.taskToken).toBeUndefined();
      expect(Date.now() - startedAt).toBeLessThan(1_000);
    });
  });
});
