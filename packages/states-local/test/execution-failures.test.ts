import type { SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { closeSession, openSession } from './support/clients';
import { historyTypes, startMachine } from './support/executions';
import { failNextTask, succeedNextTask } from './support/workers';

describe('execution failures', () => {
  let states: StatesLocal;
  let client: SFNClient;
  let activityArn: string;

  beforeEach(async () => {
    ({ states, client } = await openSession());
    activityArn = states.createActivity('load');
  });

  afterEach(() => closeSession({ states, client }));

  describe('Retry', () => {
    it('retries on the error code the worker sent', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, Retry: [{ ErrorEquals: ['Db.Deadlock'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true },
      });

      await failNextTask(client, activityArn, 'Db.Deadlock', 'try again');
      await succeedNextTask(client, activityArn, { loaded: true });
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"loaded":true}' });
      expect((await historyTypes(client, executionArn)).filter((type) => type.startsWith('Activity'))).toEqual([
        'ActivityScheduled',
        'ActivityStarted',
        'ActivityFailed',
        'ActivityScheduled',
        'ActivityStarted',
        'ActivitySucceeded',
      ]);
    });

    it('does not retry another error code', async () => {
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, Retry: [{ ErrorEquals: ['Db.Deadlock'], IntervalSeconds: 1 }], End: true },
      });

      await failNextTask(client, activityArn, 'Data.Invalid', 'bad row');
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended).toMatchObject({ status: 'FAILED', error: 'Data.Invalid', cause: 'bad row' });
    });
  });

  describe('Catch', () => {
    it('moves to the catcher with Error and Cause at its ResultPath', async () => {
      const executionArn = await startMachine(client, 
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
      const executionArn = await startMachine(client, {
        Load: { Type: 'Task', Resource: activityArn, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fallback' }], End: true },
        Fallback: { Type: 'Pass', Result: 'fallback', End: true },
      });

      await failNextTask(client, activityArn, 'Anything', '');
      const ended = await states.awaitExecution(executionArn, 5_000);

      expect(ended.output).toBe('"fallback"');
    });
  });
});
