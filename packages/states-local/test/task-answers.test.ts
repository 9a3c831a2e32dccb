import {
  GetActivityTaskCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type EnqueuedTask, Limits, type StatesLocal } from '../src';
import { closeSession, openSession, rejectionOf } from './support/clients';

describe('task answers', () => {
  let states: StatesLocal;
  let client: SFNClient;

  beforeEach(async () => {
    ({ states, client } = await openSession());
  });

  afterEach(() => closeSession({ states, client }));

  async function deliveredTask(): Promise<EnqueuedTask> {
    const task = states.enqueueTask('answers', { job: 1 });
    const answer = await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('answers') }));

    expect(answer.taskToken).toBe(task.taskToken);

    return task;
  }

  describe('SendTaskSuccess', () => {
    it('ends the task with the output', async () => {
      const task = await deliveredTask();

      await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"rows":3}' }));

      await expect(task.outcome).resolves.toEqual({ status: 'succeeded', output: '{"rows":3}' });
      expect(states.counters('answers')).toMatchObject({ tasksSucceeded: 1, tasksRunning: 0 });
    });

    it('rejects output that is not JSON with InvalidOutput', async () => {
      const task = await deliveredTask();

      const error = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{not json' })));

      expect(error.name).toBe('InvalidOutput');
      expect(states.counters('answers').tasksRunning).toBe(1);
    });

    it('accepts output of exactly 262,144 bytes of UTF-8', async () => {
      const task = await deliveredTask();
      const output = JSON.stringify('é'.repeat((Limits.payloadBytes - 2) / 2));

      expect(Buffer.byteLength(output)).toBe(Limits.payloadBytes);
      await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output }));

      await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded' });
    });

    it('rejects output over 262,144 bytes of UTF-8 with ValidationException', async () => {
      const task = await deliveredTask();
      const output = JSON.stringify('é'.repeat(Limits.payloadBytes / 2));

      const error = await rejectionOf(client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output })));

      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain("'output'");
    });
  });

  describe('SendTaskFailure', () => {
    it('ends the task with error and cause', async () => {
      const task = await deliveredTask();

      await client.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'Data.Invalid', cause: 'row 3' }));

      await expect(task.outcome).resolves.toEqual({ status: 'failed', error: 'Data.Invalid', cause: 'row 3' });
      expect(states.counters('answers').tasksFailed).toBe(1);
    });

    it('accepts a failure without error or cause', async () => {
      const task = await deliveredTask();

      await client.send(new SendTaskFailureCommand({ taskToken: task.taskToken }));

      await expect(task.outcome).resolves.toEqual({ status: 'failed', error: undefined, cause: undefined });
    });

    it.each([
      ['error', { error: 'e'.repeat(Limits.errorLength + 1) }],
      ['cause', { cause: 'c'.repeat(Limits.causeLength + 1) }],
    ])('rejects a %s over its limit with ValidationException', async (field, extra) => {
      const task = await deliveredTask();

      const error = await rejectionOf(client.send(new SendTaskFailureCommand({ taskToken: task.taskToken, ...extra })));

      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(`'${field}'`);
    });

    it('accepts error and cause at their limits', async () => {
      const task = await deliveredTask();
      const failure = { error: 'e'.repeat(Limits.errorLength), cause: 'c'.repeat(Limits.causeLength) };

      await client.send(new SendTaskFailureCommand({ taskToken: task.taskToken, ...failure }));

      await expect(task.outcome).resolves.toEqual({ status: 'failed', ...failure });
    });
  });

  describe('SendTaskHeartbeat', () => {
    it('counts the heartbeat', async () => {
      const task = await deliveredTask();

      await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
      await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));

      expect(states.counters('answers').heartbeatsReceived).toBe(2);
      expect(states.counters().requests.SendTaskHeartbeat).toBe(2);
    });
  });

  describe.each([
    ['SendTaskSuccess', (sfn: SFNClient, taskToken: string) => sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))],
    ['SendTaskFailure', (sfn: SFNClient, taskToken: string) => sfn.send(new SendTaskFailureCommand({ taskToken, error: 'E' }))],
    ['SendTaskHeartbeat', (sfn: SFNClient, taskToken: string) => sfn.send(new SendTaskHeartbeatCommand({ taskToken }))],
  ])('%s token checks', (_operation, sendWithToken) => {
    it('rejects a token it never issued with InvalidToken', async () => {
      const error = await rejectionOf(sendWithToken(client, 'not-a-real-token'));

      expect(error.name).toBe('InvalidToken');
    });

    it('rejects a well-formed unknown token with TaskDoesNotExist', async () => {
      const error = await rejectionOf(sendWithToken(client, `SL1${'A'.repeat(64)}`));

      expect(error.name).toBe('TaskDoesNotExist');
    });

    it('rejects the token of an ended task with TaskTimedOut', async () => {
      const task = await deliveredTask();
      await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));

      const error = await rejectionOf(sendWithToken(client, task.taskToken));

      expect(error.name).toBe('TaskTimedOut');
    });

    it('rejects a token over 2,048 characters with ValidationException', async () => {
      const error = await rejectionOf(sendWithToken(client, 't'.repeat(Limits.taskTokenLength + 1)));

      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain("'taskToken'");
    });
  });
});
