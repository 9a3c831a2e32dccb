import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SendTaskHeartbeatCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { createClient, rejectionOf, startStates } from './support/clients';
import { failNextTask, pollTask, succeedNextTask } from './support/workers';

describe('execution failures', () => {
  let states: StatesLocal;
  let client: SFNClient;
  let activityArn: string;

  beforeEach(async () => {
    states = await startStates();
    client = createClient(states);
    activityArn = states.createActivity('load');
  });

  afterEach(async () => {
    client.destroy();
    await states.stop();
  });

  async function start(states: Record<string, unknown>, input = '{}'): Promise<string> {
    const definition = JSON.stringify({ StartAt: 'Load', States: states });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: `m${Date.now()}`, definition, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input }));

    return executionArn ?? '';
  }

  async function historyTypes(executionArn: string): Promise<string[]> {
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn }));

    return history.events?.map((event) => event.type ?? '') ?? [];
  }

  describe('Retry', () => {
    it('retries on the error code the worker sent', async () => {
      const executionArn = await start({
        Load: { Type: 'Task', Resource: activityArn, Retry: [{ ErrorEquals: ['Db.Deadlock'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true },
      });

      await failNextTask(client, activityArn, 'Db.Deadlock', 'try again');
      await succeedNextTask(client, activityArn, { loaded: true });
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"loaded":true}' });
      expect((await historyTypes(executionArn)).filter((type) => type.startsWith('Activity'))).toEqual([
        'ActivityScheduled',
        'ActivityStarted',
        'ActivityFailed',
        'ActivityScheduled',
        'ActivityStarted',
        'ActivitySucceeded',
      ]);
    });

    it('does not retry another error code', async () => {
      const executionArn = await start({
        Load: { Type: 'Task', Resource: activityArn, Retry: [{ ErrorEquals: ['Db.Deadlock'], IntervalSeconds: 1 }], End: true },
      });

      await failNextTask(client, activityArn, 'Data.Invalid', 'bad row');
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'FAILED', error: 'Data.Invalid', cause: 'bad row' });
    });
  });

  describe('Catch', () => {
    it('moves to the catcher with Error and Cause at its ResultPath', async () => {
      const executionArn = await start(
        {
          Load: { Type: 'Task', Resource: activityArn, Catch: [{ ErrorEquals: ['Data.Invalid'], ResultPath: '$.failure', Next: 'Report' }], End: true },
          Report: { Type: 'Pass', End: true },
        },
        '{"file":"a.csv"}',
      );

      await failNextTask(client, activityArn, 'Data.Invalid', 'bad row 3');
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.status).toBe('SUCCEEDED');
      expect(JSON.parse(ended.output ?? '')).toEqual({ file: 'a.csv', failure: { Error: 'Data.Invalid', Cause: 'bad row 3' } });
    });

    it('catches any worker error with States.ALL', async () => {
      const executionArn = await start({
        Load: { Type: 'Task', Resource: activityArn, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fallback' }], End: true },
        Fallback: { Type: 'Pass', Result: 'fallback', End: true },
      });

      await failNextTask(client, activityArn, 'Anything', '');
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.output).toBe('"fallback"');
    });
  });

  describe('HeartbeatSeconds', () => {
    it('fails the task with States.HeartbeatTimeout when heartbeats stop', async () => {
      const executionArn = await start({
        Load: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 10, HeartbeatSeconds: 1, End: true },
      });

      const task = await pollTask(client, activityArn);
      const ended = await states.awaitExecution(executionArn, 5_000);
      const late = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })));

      expect(ended).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
      expect(late.name).toBe('TaskTimedOut');
      expect(await historyTypes(executionArn)).toContain('ActivityTimedOut');
    });

    it('lets States.TaskFailed catch a heartbeat timeout', async () => {
      const executionArn = await start({
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
      const executionArn = await start({
        Load: { Type: 'Task', Resource: activityArn, TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      });

      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      expect(states.counters('load')).toMatchObject({ tasksTimedOut: 1, tasksPending: 0 });
    });

    it('lets a catcher on States.Timeout take over', async () => {
      const executionArn = await start({
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
      const executionArn = await start({ Load: { Type: 'Task', Resource: activityArn, End: true } });
      const task = await pollTask(client, activityArn);

      await client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
      const stopped = await client.send(new StopExecutionCommand({ executionArn, error: 'Operator.Stop', cause: 'maintenance' }));
      const late = await rejectionOf(client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })));

      expect(stopped.stopDate).toBeInstanceOf(Date);
      expect(late.name).toBe('TaskTimedOut');
      expect(states.describeExecution(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'maintenance' });
      expect((await historyTypes(executionArn)).at(-1)).toBe('ExecutionAborted');
    });
  });
});
