import {
  CreateActivityCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  GetActivityTaskCommand,
  ListActivitiesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { createClient, rejectionOf, startStates } from './support/clients';

describe('activity operations', () => {
  let states: StatesLocal;
  let client: SFNClient;

  beforeEach(async () => {
    states = await startStates({ region: 'eu-west-1', accountId: '111122223333' });
    client = createClient(states);
  });

  afterEach(async () => {
    client.destroy();
    await states.stop();
  });

  describe('CreateActivity', () => {
    it('returns the ARN built from region, account and name', async () => {
      const created = await client.send(new CreateActivityCommand({ name: 'resize-images' }));

      expect(created.activityArn).toBe('arn:aws:states:eu-west-1:111122223333:activity:resize-images');
      expect(created.creationDate).toBeInstanceOf(Date);
    });

    it('is idempotent by name', async () => {
      const first = await client.send(new CreateActivityCommand({ name: 'load' }));
      const second = await client.send(new CreateActivityCommand({ name: 'load', tags: [{ key: 'team', value: 'data' }] }));

      expect(second.activityArn).toBe(first.activityArn);
      expect(second.creationDate).toEqual(first.creationDate);
    });

    it.each(['has space', 'tab\tname', 'a/b', 'a:b', 'q?', 'star*', 'brace{', 'pipe|', 'dollar$', 'ctrl\u0001'])(
      'rejects the name %j with InvalidName',
      async (name) => {
        const error = await rejectionOf(client.send(new CreateActivityCommand({ name })));

        expect(error.name).toBe('InvalidName');
      },
    );

    it('rejects a name longer than 80 characters with ValidationException', async () => {
      const error = await rejectionOf(client.send(new CreateActivityCommand({ name: 'a'.repeat(81) })));

      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain("'name'");
    });

    it('accepts a name of exactly 80 characters', async () => {
      const created = await client.send(new CreateActivityCommand({ name: 'a'.repeat(80) }));

      expect(created.activityArn).toMatch(/:activity:a{80}$/);
    });
  });

  describe('DescribeActivity', () => {
    it('returns name, ARN and creation date', async () => {
      const { activityArn, creationDate } = await client.send(new CreateActivityCommand({ name: 'extract' }));
      const described = await client.send(new DescribeActivityCommand({ activityArn }));

      expect(described).toMatchObject({ activityArn, name: 'extract', creationDate });
    });

    it('rejects an unknown activity with ActivityDoesNotExist', async () => {
      const error = await rejectionOf(client.send(new DescribeActivityCommand({ activityArn: states.activityArn('missing') })));

      expect(error.name).toBe('ActivityDoesNotExist');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    });

    it.each(['not-an-arn', 'arn:aws:states:eu-west-1:111122223333:stateMachine:sm', 'arn:aws:states:eu-west-1:111122223333:activity:bad name'])(
      'rejects %j with InvalidArn',
      async (activityArn) => {
        const error = await rejectionOf(client.send(new DescribeActivityCommand({ activityArn })));

        expect(error.name).toBe('InvalidArn');
      },
    );
  });

  describe('ListActivities', () => {
    it('pages through every activity with nextToken', async () => {
      for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) {
        await client.send(new CreateActivityCommand({ name }));
      }

      const first = await client.send(new ListActivitiesCommand({ maxResults: 2 }));
      const second = await client.send(new ListActivitiesCommand({ maxResults: 2, nextToken: first.nextToken }));
      const third = await client.send(new ListActivitiesCommand({ maxResults: 2, nextToken: second.nextToken }));

      expect(first.activities?.map((a) => a.name)).toEqual(['a1', 'a2']);
      expect(second.activities?.map((a) => a.name)).toEqual(['a3', 'a4']);
      expect(third.activities?.map((a) => a.name)).toEqual(['a5']);
      expect(third.nextToken).toBeUndefined();
    });

    it('rejects a nextToken it did not issue with InvalidToken', async () => {
      const error = await rejectionOf(client.send(new ListActivitiesCommand({ nextToken: 'garbage' })));

      expect(error.name).toBe('InvalidToken');
    });
  });

  describe('DeleteActivity', () => {
    it('removes the activity so GetActivityTask answers ActivityDoesNotExist', async () => {
      const { activityArn } = await client.send(new CreateActivityCommand({ name: 'old' }));

      await client.send(new DeleteActivityCommand({ activityArn }));
      const error = await rejectionOf(client.send(new GetActivityTaskCommand({ activityArn })));

      expect(error.name).toBe('ActivityDoesNotExist');
    });

    it('stops the pending tasks of the activity', async () => {
      const activityArn = states.createActivity('doomed');
      const task = states.enqueueTask(activityArn, { n: 1 });

      await client.send(new DeleteActivityCommand({ activityArn }));

      await expect(task.outcome).resolves.toEqual({ status: 'stopped' });
    });

    it('accepts an activity that does not exist', async () => {
      await expect(client.send(new DeleteActivityCommand({ activityArn: states.activityArn('never') }))).resolves.toBeDefined();
    });
  });
});
