import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { closeSession, openSession, rejectionOf } from './support/clients';
import { pollTask, succeedNextTask } from './support/workers';

const roleArn = 'arn:aws:iam::123456789012:role/test';

describe('executions', () => {
  let states: StatesLocal;
  let client: SFNClient;
  let activityArn: string;

  beforeEach(async () => {
    ({ states, client } = await openSession());
    activityArn = states.createActivity('transform');
  });

  afterEach(() => closeSession({ states, client }));

  function singleTask(extra: object = {}): string {
    return JSON.stringify({ StartAt: 'Transform', States: { Transform: { Type: 'Task', Resource: activityArn, End: true, ...extra } } });
  }

  async function createMachine(name: string, definition: string): Promise<string> {
    const created = await client.send(new CreateStateMachineCommand({ name, definition, roleArn }));

    return created.stateMachineArn ?? '';
  }

  describe('a Task state on an activity ARN', () => {
    it('sends the task to the activity and ends with the worker output', async () => {
      const stateMachineArn = await createMachine('simple', singleTask());
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"rows":[1,2]}' }));

      const taskInput = await succeedNextTask(client, activityArn, { count: 2 });
      const ended = await states.awaitExecution(executionArn ?? '', 5_000);

      expect(taskInput).toEqual({ rows: [1, 2] });
      expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"count":2}' });
    });

    it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath', async () => {
      const stateMachineArn = await createMachine(
        'paths',
        singleTask({
          InputPath: '$.job',
          Parameters: { 'table.$': '$.table', fixed: 'yes' },
          ResultSelector: { 'loaded.$': '$.rows' },
          ResultPath: '$.result',
          OutputPath: '$.result',
        }),
      );
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"job":{"table":"sales","other":1}}' }));

      const taskInput = await succeedNextTask(client, activityArn, { rows: 42, noise: true });
      const ended = await states.awaitExecution(executionArn ?? '', 5_000);

      expect(taskInput).toEqual({ table: 'sales', fixed: 'yes' });
      expect(JSON.parse(ended.output ?? '')).toEqual({ loaded: 42 });
    });

    it('records the Step Functions event types in the history', async () => {
      const stateMachineArn = await createMachine('history', singleTask());
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));

      await succeedNextTask(client, activityArn, { ok: true });
      await states.awaitExecution(executionArn ?? '', 5_000);
      const history = await client.send(new GetExecutionHistoryCommand({ executionArn }));

      expect(history.events?.map((event) => event.type)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'ActivityScheduled',
        'ActivityStarted',
        'ActivitySucceeded',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      expect(history.events?.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(history.events?.[2].activityScheduledEventDetails?.resource).toBe(activityArn);
      expect(history.events?.[3].activityStartedEventDetails?.workerName).toBe('test-worker');
      expect(history.events?.[4].activitySucceededEventDetails?.output).toBe('{"ok":true}');
      expect(history.events?.[3].previousEventId).toBe(3);
    });

    it('omits input and output from the history without includeExecutionData', async () => {
      const stateMachineArn = await createMachine('quiet', singleTask());
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"secret":1}' }));

      await succeedNextTask(client, activityArn, {});
      await states.awaitExecution(executionArn ?? '', 5_000);
      const history = await client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false, reverseOrder: true }));

      expect(history.events?.[0].type).toBe('ExecutionSucceeded');
      expect(JSON.stringify(history.events)).not.toContain('secret');
    });

    it('runs activity tasks inside Map iterations', async () => {
      const stateMachineArn = await createMachine(
        'fan-out',
        JSON.stringify({
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              ItemsPath: '$.items',
              MaxConcurrency: 1,
              ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Task', Resource: activityArn, End: true } } },
              End: true,
            },
          },
        }),
      );
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"items":[1,2]}' }));

      for (let item = 0; item < 2; item += 1) {
        const task = await pollTask(client, activityArn);
        await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify((task.input as number) * 2) }));
      }

      const ended = await states.awaitExecution(executionArn ?? '', 5_000);
      expect(JSON.parse(ended.output ?? '')).toEqual([2, 4]);
    });
  });

  describe('a Task state on another resource', () => {
    it('fails with States.TaskFailed instead of calling AWS', async () => {
      const stateMachineArn = await createMachine(
        'lambda',
        JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } } }),
      );
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));

      const ended = await states.awaitExecution(executionArn ?? '', 5_000);

      expect(ended.status).toBe('FAILED');
      expect(ended.error).toBe('States.TaskFailed');
      expect(ended.cause).toContain('activity ARNs only');
    });
  });

  describe('CreateStateMachine', () => {
    it('rejects an invalid definition with InvalidDefinition', async () => {
      const definition = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } });

      const error = await rejectionOf(createMachine('broken', definition));

      expect(error.name).toBe('InvalidDefinition');
      expect(error.message).toContain('Missing');
    });

    it('rejects text that is not JSON with InvalidDefinition', async () => {
      const error = await rejectionOf(createMachine('not-json', '{"StartAt":'));

      expect(error.name).toBe('InvalidDefinition');
    });

    it('is idempotent for the same definition and rejects another one', async () => {
      const first = await createMachine('twice', singleTask());

      expect(await createMachine('twice', singleTask())).toBe(first);
      const error = await rejectionOf(createMachine('twice', singleTask({ TimeoutSeconds: 5 })));
      expect(error.name).toBe('StateMachineAlreadyExists');
    });

    it('rejects HeartbeatSeconds not below TimeoutSeconds', async () => {
      const error = await rejectionOf(createMachine('beats', singleTask({ TimeoutSeconds: 5, HeartbeatSeconds: 5 })));

      expect(error.name).toBe('InvalidDefinition');
    });
  });

  describe('state machine operations', () => {
    it('describes, lists and deletes a state machine', async () => {
      const stateMachineArn = await createMachine('listed', singleTask());

      const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
      const listed = await client.send(new ListStateMachinesCommand({}));
      await client.send(new DeleteStateMachineCommand({ stateMachineArn }));
      const gone = await rejectionOf(client.send(new DescribeStateMachineCommand({ stateMachineArn })));

      expect(described).toMatchObject({ name: 'listed', status: 'ACTIVE', definition: singleTask(), roleArn, type: 'STANDARD' });
      expect(listed.stateMachines?.map((machine) => machine.name)).toEqual(['listed']);
      expect(gone.name).toBe('StateMachineDoesNotExist');
    });
  });

  describe('execution operations', () => {
    it('rejects a reused execution name with ExecutionAlreadyExists', async () => {
      const stateMachineArn = await createMachine('named', singleTask());
      await client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' }));

      const again = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":1}' }));
      const error = await rejectionOf(client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"a":2}' })));

      expect(again.executionArn).toMatch(/:execution:named:run-1$/);
      expect(error.name).toBe('ExecutionAlreadyExists');
    });

    it('rejects input that is not JSON with InvalidExecutionInput', async () => {
      const stateMachineArn = await createMachine('bad-input', singleTask());

      const error = await rejectionOf(client.send(new StartExecutionCommand({ stateMachineArn, input: 'nope' })));

      expect(error.name).toBe('InvalidExecutionInput');
    });

    it('rejects an unknown state machine with StateMachineDoesNotExist', async () => {
      const stateMachineArn = `arn:aws:states:us-east-1:123456789012:stateMachine:ghost`;

      const error = await rejectionOf(client.send(new StartExecutionCommand({ stateMachineArn })));

      expect(error.name).toBe('StateMachineDoesNotExist');
    });

    it('describes a running execution and lists executions by status', async () => {
      const stateMachineArn = await createMachine('running', singleTask());
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'live', input: '{"x":1}' }));

      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      const running = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
      const succeeded = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }));

      expect(described).toMatchObject({ executionArn, stateMachineArn, name: 'live', status: 'RUNNING', input: '{"x":1}' });
      expect(described.startDate).toBeInstanceOf(Date);
      expect(running.executions?.map((execution) => execution.name)).toEqual(['live']);
      expect(succeeded.executions).toEqual([]);
    });

    it('rejects an unknown execution with ExecutionDoesNotExist', async () => {
      const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:m:e';

      const error = await rejectionOf(client.send(new DescribeExecutionCommand({ executionArn })));

      expect(error.name).toBe('ExecutionDoesNotExist');
    });
  });
});
