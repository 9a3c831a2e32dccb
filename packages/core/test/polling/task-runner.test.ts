import { describe, expect, it } from 'vitest';

import { TaskRunner } from '../../src/polling/task-runner';
import { entriesWith } from './support/capture-logger';
import { runnerFixture } from './support/runner-fixture';
import { serviceError } from './support/scripted-activity-api';

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

describe(TaskRunner.name, () => {
  it('sends the pipeline answer and logs the outcome once with durationMs', async () => {
    const { api, runner, entries, seen } = runnerFixture();
    let released = 0;

    await runner.run({ taskToken: 't1', input: '{"a":1}' }, () => (released += 1));
    await new Promise((resolve) => setImmediate(resolve));

    expect(api.callsOf('SendTaskSuccess')).toEqual([{ operation: 'SendTaskSuccess', taskToken: 't1', output: '{"a":1}' }]);
    expect(released).toBe(1);
    expect(entriesWith(entries, 'Task finished')).toEqual([expect.objectContaining({ level: 'info', outcome: 'succeeded', durationMs: expect.any(Number) })]);
    expect(seen.map((event) => event.type)).toEqual(['task-started', 'task-finished']);
  });

  it('gives the handler a context with the task ids, a signal and heartbeat()', async () => {
    const { api, runner, contexts, setBehaviour } = runnerFixture();
    setBehaviour(async (_input, context) => {
      await context.heartbeat();
      return { kind: 'success', output: '1' };
    });

    await runner.run({ taskToken: 'secret-token-value', input: '{}' }, () => undefined);

    const [context] = contexts;
    expect(context).toMatchObject({ workerName: 'resize', activityArn: 'arn:aws:states:us-east-1:123456789012:activity:resize' });
    expect(context.taskId).toMatch(/^[0-9a-f]{12}$/);
    expect(context.taskId).not.toContain('secret');
    expect(context.signal.aborted).toBe(false);
    expect(api.callsOf('SendTaskHeartbeat')).toEqual([{ operation: 'SendTaskHeartbeat', taskToken: 'secret-token-value' }]);
  });

  it('sends nothing for a none answer', async () => {
    const { api, runner, entries, setBehaviour } = runnerFixture();
    setBehaviour(async () => ({ kind: 'none', reason: 'canceled by the handler' }));

    await runner.run({ taskToken: 't1', input: '{}' }, () => undefined);

    expect(api.calls).toEqual([]);
    expect(entriesWith(entries, 'Task finished')).toMatchObject([{ level: 'warn', outcome: 'not-answered' }]);
    expect(runner.runningCount).toBe(0);
  });

  describe('when a heartbeat reports the task over', () => {
    it('aborts the signal and sends no answer', async () => {
      const { api, runner, contexts, setBehaviour } = runnerFixture({ heartbeatMs: 20 });
      api.onSendTaskHeartbeat = async () => {
        throw serviceError('TaskTimedOut');
      };
      setBehaviour(
        (_input, context) =>
          new Promise((resolve) => context.signal.addEventListener('abort', () => resolve({ kind: 'success', output: '"late"' }))),
      );
      let released = 0;

      await runner.run({ taskToken: 't1', input: '{}' }, () => (released += 1));
      await new Promise((resolve) => setImmediate(resolve));

      expect(contexts[0].signal.reason).toEqual({ kind: 'heartbeat-rejected', code: 'TaskTimedOut', message: expect.any(String) });
      expect(api.callsOf('SendTaskSuccess')).toEqual([]);
      expect(api.callsOf('SendTaskFailure')).toEqual([]);
      expect(released).toBe(1);
    });
  });

  describe('when a shutdown cancels running tasks', () => {
    it('answers Worker.ShuttingDown at once although the handler ignores its signal', async () => {
      const { api, runner, contexts, setBehaviour } = runnerFixture();
      setBehaviour(() => never());
      let released = 0;

      const running = runner.run({ taskToken: 't1', input: '{}' }, () => (released += 1));
      await new Promise((resolve) => setImmediate(resolve));
      expect(runner.cancelAll({ kind: 'shutdown', graceMs: 50 })).toBe(1);
      await running;

      expect(contexts[0].signal.reason).toEqual({ kind: 'shutdown', graceMs: 50 });
      expect(api.callsOf('SendTaskFailure')).toEqual([
        {
          operation: 'SendTaskFailure',
          taskToken: 't1',
          error: 'Worker.ShuttingDown',
          cause: 'The worker shut down and the task did not finish within the shutdown grace period of 50 ms. Retry the task.',
        },
      ]);
      expect(released).toBe(0);
      await expect(runner.whenIdle()).resolves.toBeUndefined();
    });

    it('answers a task received afterwards without running it', async () => {
      const { api, runner, contexts } = runnerFixture();
      runner.cancelAll({ kind: 'shutdown', graceMs: 50 });

      await runner.run({ taskToken: 't2', input: '{}' }, () => undefined);

      expect(contexts).toEqual([]);
      expect(api.callsOf('SendTaskFailure')).toMatchObject([{ taskToken: 't2', error: 'Worker.ShuttingDown' }]);
    });
  });

  it('fails the task when the pipeline breaks its contract and rejects', async () => {
    const { api, runner, setBehaviour } = runnerFixture();
    setBehaviour(async () => {
      throw new Error('pipeline bug');
    });

    await runner.run({ taskToken: 't1', input: '{}' }, () => undefined);

    expect(api.callsOf('SendTaskFailure')).toMatchObject([{ error: 'Worker.InternalError', cause: 'The task pipeline rejected: Error: pipeline bug' }]);
  });
});
