import { TaskOverError, WorkerErrorCodes, Worker, type TaskContext } from '@bevault-workers/core';
import { afterEach, describe, expect, it } from 'vitest';

import { HandlerStillRunningError, RunningTask, Test, type TestingWorkerApp } from '../../src/index';
import { untilAborted, WaitWorker } from '../support/workers';

/** Sends a manual heartbeat after the signal aborted and returns what it did. */
@Worker('late_heartbeat')
class LateHeartbeatWorker {
  async handle(_input: unknown, task: TaskContext): Promise<unknown> {
    await untilAborted(task.signal);

    try {
      await task.heartbeat();
      return { heartbeat: 'sent' };
    } catch (error) {
      return { heartbeat: error instanceof TaskOverError ? error.code : String(error) };
    }
  }
}

let app: TestingWorkerApp | undefined;

async function compile(): Promise<TestingWorkerApp> {
  app = await Test.createWorkerApp({ workers: [WaitWorker, LateHeartbeatWorker] }).compile();
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe(RunningTask.name, () => {
  describe('cancel', () => {
    it('aborts the signal with kind cancelled and sends what the handler returns', async () => {
      const task = (await compile()).start('wait', {});

      task.cancel('user pressed stop');

      await expect(task.outcome).resolves.toEqual({ status: 'succeeded', output: { stoppedBy: 'cancelled' }, rawOutput: '{"stoppedBy":"cancelled"}' });
      expect(task.abortReason).toEqual({ kind: 'cancelled', message: 'user pressed stop' });
      await task.handlerStopped();
      expect(task.handlerRunning).toBe(false);
    });

    it('cancels through the signal option with its reason as message', async () => {
      const controller = new AbortController();
      const task = (await compile()).start('wait', {}, { signal: controller.signal });

      controller.abort(new Error('test timeout'));

      await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded', output: { stoppedBy: 'cancelled' } });
      expect(task.abortReason).toEqual({ kind: 'cancelled', message: 'test timeout' });
    });
  });

  describe('expireHeartbeat', () => {
    it('aborts the signal as a rejected heartbeat does and sends no answer', async () => {
      const task = (await compile()).start('wait', {});

      await task.expireHeartbeat();

      await expect(task.outcome).resolves.toEqual({ status: 'none', reason: 'The service reported the task over (TaskTimedOut), so no answer was sent.' });
      expect(task.abortReason).toMatchObject({ kind: 'heartbeat-rejected', code: 'TaskTimedOut' });
      await task.handlerStopped();
    });

    it('makes later manual heartbeats reject with TaskOverError', async () => {
      const running = (await compile()).start('late_heartbeat', {});

      await running.expireHeartbeat('TaskDoesNotExist');
      await running.handlerStopped();

      await expect(running.outcome).resolves.toMatchObject({ status: 'none' });
      expect(running.logs().find((entry) => entry.message === 'Handler returned')?.meta).toMatchObject({ answer: 'success', aborted: true });
    });

    it('ends the task when the heartbeat hook throws TaskTimedOut', async () => {
      const timedOut = Object.assign(new Error('Task Timed Out'), { name: 'TaskTimedOut' });
      const task = (await compile()).start('wait', {}, {
        heartbeat: () => {
          throw timedOut;
        },
      });

      await expect(task.outcome).resolves.toMatchObject({ status: 'none' });
      expect(task.heartbeats).toBe(1);
      expect(task.abortReason).toMatchObject({ kind: 'heartbeat-rejected', code: 'TaskTimedOut', message: 'Task Timed Out' });
    });
  });

  describe('heartbeats', () => {
    it('sends scheduled heartbeats at the worker interval through the hook', async () => {
      const beats: number[] = [];
      const task = (await compile()).start('wait', { heartbeat: true }, { heartbeat: (beat) => void beats.push(beat.count) });

      await new Promise((resolve) => setTimeout(resolve, 180));
      task.cancel();
      await task.outcome;

      expect(beats[0]).toBe(1);
      expect(beats.length).toBeGreaterThanOrEqual(3);
      expect(task.heartbeats).toBe(beats.length);
    });
  });

  describe('shutdown', () => {
    it('answers Worker.ShuttingDown at once and aborts with kind shutdown', async () => {
      const task = (await compile()).start('wait', {});

      const outcome = await task.shutdown();

      expect(outcome).toEqual({
        status: 'failed',
        error: WorkerErrorCodes.shuttingDown,
        cause: 'The worker shut down and the task did not finish within the shutdown grace period of 0 ms. Retry the task.',
      });
      expect(task.abortReason).toEqual({ kind: 'shutdown', graceMs: 0 });
      await task.handlerStopped();
    });

    it('lets a task that finishes within the grace period answer itself', async () => {
      const task = (await compile()).start('wait', {});
      setTimeout(() => task.cancel(), 20);

      const outcome = await task.shutdown({ graceMs: 2_000 });

      expect(outcome).toMatchObject({ status: 'succeeded', output: { stoppedBy: 'cancelled' } });
    });

    it('does not wait for a handler that ignores its signal', async () => {
      const task = (await compile()).start('wait', { ignoreSignal: true });

      await expect(task.shutdown()).resolves.toMatchObject({ status: 'failed', error: WorkerErrorCodes.shuttingDown });

      await expect(task.handlerStopped(50)).rejects.toThrow(HandlerStillRunningError);
      await expect(task.handlerStopped(50)).rejects.toThrow(
        "The handler of worker 'wait' (task " + task.taskId + ') was still running 50 ms later: its signal was aborted (shutdown) and it did not stop.',
      );
      expect(task.handlerRunning).toBe(true);
    });
  });
});
