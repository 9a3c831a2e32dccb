import { SendTaskHeartbeatCommand, type SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { closeSession, openSession, rejectionOf } from './support/clients';
import { historyTypes, startMachine } from './support/executions';
import { pollTask } from './support/workers';

describe('execution timeouts and stops', () => {
  let states: StatesLocal;
  let client: SFNClient;
  let activityArn: string;

  beforeEach(async () => {
    ({ states, client } = await openSession());
    activityArn = states.createActivity('load');
  });

  afterEach(() => closeSession({ states, client }));

  describe('HeartbeatSeconds', () => {
    it('fails the task with States.HeartbeatTimeout when heartbeats stop', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 10, HeartbeatSeconds: 1, End: true },
      });

      const task = await pollTask(client, activityArn);
      const ended = await states.awaitExecution(executionArn, 5_000);
      const late = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })));

      expect(ended).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
      expect(late.name).toBe('TaskTimedOut');
      expect(await historyTypes(client, executionArn)).toContain('ActivityTimedOut');
    });

    it('lets States.TaskFailed catch a heartbeat timeout', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, HeartbeatSeconds: 1, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', Result: 'caught', End: true },
      });

      await pollTask(client, activityArn);
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.output).toBe('"caught"');
    });
  });

  describe('TimeoutSeconds', () => {
    it('fails with States.Timeout, which States.TaskFailed does not catch', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      });

      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      expect(states.counters('load')).toMatchObject({ tasksTimedOut: 1, tasksPending: 0 });
    });

    it('lets a catcher on States.Timeout take over', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', Result: 'late', End: true },
      });

      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.output).toBe('"late"');
    });

    it('times out the whole execution with its top-level TimeoutSeconds', async () => {
      const definition = JSON.stringify({ StartAt: 'Load', TimeoutSeconds: 1, States: { Load: { Type: 'Task', Resource: activityArn, End: true } } });
      const machineArn = await states.createStateMachine('bounded', definition);
      const executionArn = states.startExecution(machineArn);

      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.status).toBe('TIMED_OUT');
      expect(states.counters('load').tasksRunning + states.counters('load').tasksPending).toBe(0);
    });
  });

  describe('StopExecution', () => {
    it('aborts the execution and makes the next heartbeat answer TaskTimedOut', async () => {
      const executionArn = await startMachine(client, { Load: { Type: 'Task', Resource: activityArn, End: true } });
      const task = await pollTask(client, activityArn);

      await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
      const stopped = await client.send(new StopExecutionCommand({ executionArn, error: 'Operator.Stop', cause: 'maintenance' }));
      const late = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })));

      expect(stopped.stopDate).toBeInstanceOf(Date);
      expect(late.name).toBe('TaskTimedOut');
      expect(states.describeExecution(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'maintenance' });
      expect((await historyTypes(client, executionArn)).at(-1)).toBe('ExecutionAborted');
    });
  });
});
