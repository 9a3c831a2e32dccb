import { afterEach, describe, expect, it, vi } from 'vitest';

import { RuntimeEvents, type RuntimeEvent } from '../../src/application/runtime-events';
import type { ServiceErrorInfo } from '../../src/client/service-errors';
import { HeartbeatScheduler, TaskOverError, type HeartbeatTask } from '../../src/heartbeat/heartbeat-scheduler';
import { Backoff } from '../../src/polling/backoff';
import { captureLogger } from '../polling/support/capture-logger';
import { ScriptedActivityApi, serviceError } from '../polling/support/scripted-activity-api';

function setUp() {
  const { logger, entries } = captureLogger();
  const api = new ScriptedActivityApi();
  const events = new RuntimeEvents(logger);
  const seen: RuntimeEvent[] = [];
  events.subscribe({ onEvent: (event) => seen.push(event) });
  const scheduler = new HeartbeatScheduler({ api, events, retryBackoff: new Backoff({ baseMs: 100, maxMs: 100, random: () => 0.5 }) });
  const taskOver: Array<{ token: string; error: ServiceErrorInfo }> = [];

  const task = (token: string, intervalMs = 1_000): HeartbeatTask => ({
    taskToken: token,
    workerName: 'resize',
    taskId: token,
    intervalMs,
    logger,
    onTaskOver: (error) => taskOver.push({ token, error }),
  });

  return { api, scheduler, task, taskOver, seen, entries };
}

function heartbeatsOf(api: ScriptedActivityApi, token: string): number {
  return api.callsOf('SendTaskHeartbeat').filter((call) => call.taskToken === token).length;
}

describe(HeartbeatScheduler.name, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one heartbeat per interval for each task', async () => {
    vi.useFakeTimers();
    const { api, scheduler, task } = setUp();
    scheduler.add(task('a', 1_000));
    scheduler.add(task('b', 400));

    await vi.advanceTimersByTimeAsync(2_050);

    expect(heartbeatsOf(api, 'a')).toBe(2);
    expect(heartbeatsOf(api, 'b')).toBe(5);
    scheduler.stop();
  });

  it('keeps the interval when the endpoint is slow', async () => {
    vi.useFakeTimers();
    const { api, scheduler, task } = setUp();
    api.onSendTaskHeartbeat = () => new Promise((resolve) => setTimeout(resolve, 600));
    scheduler.add(task('a', 1_000));

    await vi.advanceTimersByTimeAsync(2_100);

    expect(heartbeatsOf(api, 'a')).toBe(2);
    scheduler.stop();
  });

  it('runs every task from a single timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { scheduler, task } = setUp();

    for (let index = 0; index < 200; index += 1) {
      scheduler.add(task(`task-${index}`, 500 + index));
    }

    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(1);
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops sending after a task is removed', async () => {
    vi.useFakeTimers();
    const { api, scheduler, task } = setUp();
    const handle = scheduler.add(task('a', 100));

    await vi.advanceTimersByTimeAsync(250);
    handle.remove();
    await vi.advanceTimersByTimeAsync(1_000);

    expect(heartbeatsOf(api, 'a')).toBe(2);
    expect(scheduler.activeCount).toBe(0);
  });

  describe('when the service reports the task over', () => {
    it.each(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])('cancels the task on %s and sends no more heartbeats', async (code) => {
      vi.useFakeTimers();
      const { api, scheduler, task, taskOver, seen } = setUp();
      api.onSendTaskHeartbeat = async () => {
        throw serviceError(code);
      };
      scheduler.add(task('a', 100));

      await vi.advanceTimersByTimeAsync(1_000);

      expect(taskOver).toEqual([{ token: 'a', error: expect.objectContaining({ code, taskOver: true }) }]);
      expect(heartbeatsOf(api, 'a')).toBe(1);
      expect(seen).toContainEqual({ type: 'heartbeat-failed', workerName: 'resize', taskId: 'a', errorCode: code, taskOver: true });
    });

    it('rejects a manual heartbeat with TaskOverError', async () => {
      const { api, scheduler, task, taskOver } = setUp();
      api.onSendTaskHeartbeat = async () => {
        throw serviceError('TaskTimedOut');
      };
      const handle = scheduler.add(task('a', 60_000));

      await expect(handle.beatNow()).rejects.toThrow(TaskOverError);
      expect(taskOver).toHaveLength(1);
      scheduler.stop();
    });
  });

  describe('when a heartbeat fails for another reason', () => {
    it('retries without cancelling the task and logs the streak once', async () => {
      vi.useFakeTimers();
      const { api, scheduler, task, taskOver, entries } = setUp();
      let failuresLeft = 3;
      api.onSendTaskHeartbeat = async () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw serviceError('InternalFailure', 500, 'server');
        }
      };
      scheduler.add(task('a', 1_000));

      await vi.advanceTimersByTimeAsync(1_200);

      expect(heartbeatsOf(api, 'a')).toBe(4);
      expect(taskOver).toEqual([]);
      expect(entries.filter((entry) => entry.message === 'SendTaskHeartbeat failed; retrying with backoff')).toHaveLength(1);
      expect(entries.filter((entry) => entry.message === 'SendTaskHeartbeat recovered')).toMatchObject([{ failures: 3 }]);
      scheduler.stop();
    });

    it('resolves a manual heartbeat', async () => {
      const { api, scheduler, task } = setUp();
      api.onSendTaskHeartbeat = async () => {
        throw serviceError('ThrottlingException');
      };
      const handle = scheduler.add(task('a', 60_000));

      await expect(handle.beatNow()).resolves.toBeUndefined();
      scheduler.stop();
    });
  });

  it('moves the next scheduled heartbeat a full interval after a manual one', async () => {
    vi.useFakeTimers();
    const { api, scheduler, task } = setUp();
    const handle = scheduler.add(task('a', 1_000));

    await vi.advanceTimersByTimeAsync(800);
    await handle.beatNow();
    await vi.advanceTimersByTimeAsync(900);

    expect(heartbeatsOf(api, 'a')).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(heartbeatsOf(api, 'a')).toBe(2);
    scheduler.stop();
  });
});
