import { GetActivityTaskCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { closeSession, openSession, rejectionOf } from './support/clients';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('task timeouts', () => {
  let states: StatesLocal;
  let client: SFNClient;

  beforeEach(async () => {
    ({ states, client } = await openSession());
  });

  afterEach(() => closeSession({ states, client }));

  it('times out a task nobody polls with States.Timeout', async () => {
    const task = states.enqueueTask('unpolled', {}, { timeoutSeconds: 0.2 });

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.Timeout' });
    expect(states.counters('unpolled')).toMatchObject({ tasksTimedOut: 1, tasksPending: 0 });
  });

  it('times out a running task without heartbeats with States.HeartbeatTimeout', async () => {
    const task = states.enqueueTask('silent', {}, { heartbeatSeconds: 0.2 });
    await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('silent') }));

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });

    const late = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })));
    expect(late.name).toBe('TaskTimedOut');
  });

  it('keeps a task alive while heartbeats arrive in time', async () => {
    const task = states.enqueueTask('beating', {}, { heartbeatSeconds: 0.3 });
    await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('beating') }));

    for (let beat = 0; beat < 4; beat += 1) {
      await sleep(150);
      await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    }

    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
    await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('calls the task listener on delivery and on each heartbeat', async () => {
    const events: string[] = [];
    const task = states.enqueueTask('observed', {}, {}, {
      onStarted: (workerName) => events.push(`started by ${workerName}`),
      onHeartbeat: () => events.push('heartbeat'),
    });
    await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('observed'), workerName: 'observer' }));

    await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));

    await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded' });
    expect(events).toEqual(['started by observer', 'heartbeat', 'heartbeat']);
  });

  it('does not start the heartbeat clock before delivery', async () => {
    const task = states.enqueueTask('queued', {}, { heartbeatSeconds: 0.2 });

    await sleep(350);
    await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('queued') }));
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));

    await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('times out on TimeoutSeconds even with heartbeats', async () => {
    const task = states.enqueueTask('slow', {}, { timeoutSeconds: 0.4, heartbeatSeconds: 0.3 });
    await client.send(new GetActivityTaskCommand({ activityArn: states.activityArn('slow') }));

    await sleep(200);
    await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));

    await expect(task.outcome).resolves.toEqual({ status: 'timed-out', error: 'States.Timeout' });
  });

  it('stops live tasks when Local States stops', async () => {
    const task = states.enqueueTask('abandoned', {});

    await states.stop();

    await expect(task.outcome).resolves.toEqual({ status: 'stopped' });
  });
});
