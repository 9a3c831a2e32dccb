import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import type { TaskContext } from '../../src/task/task-context';
import { cleanUp, createApp, delay, startStates } from './support/harness';

@Worker('echo', { concurrency: 2 })
class EchoWorker {
  async handle(input: { value: number }): Promise<{ doubled: number }> {
    return { doubled: input.value * 2 };
  }
}

@Worker('throws', { concurrency: 1 })
class ThrowingWorker {
  async handle(): Promise<never> {
    throw new Error('x'.repeat(40_000));
  }
}

@Worker('huge', { concurrency: 1 })
class HugeOutputWorker {
  async handle(): Promise<string> {
    return 'y'.repeat(300 * 1024);
  }
}

@Worker('context', { concurrency: 1 })
class ContextWorker {
  async handle(_input: unknown, task: TaskContext): Promise<object> {
    await task.heartbeat();
    await delay(10);
    return { taskId: task.taskId, workerName: task.workerName, activityArn: task.activityArn };
  }
}

afterEach(cleanUp);

describe(`${WorkerApplication.name} task flow`, () => {
  it('answers a task with SendTaskSuccess', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [EchoWorker]);
    await app.listen();

    const task = states.enqueueTask('echo', { value: 21 });

    await expect(task.outcome).resolves.toEqual({ status: 'succeeded', output: '{"doubled":42}' });
    expect(app.state).toBe('running');
    expect(app.activityArns.get('echo')).toBe(states.activityArn('echo'));
  });

  it('gives the handler its context and sends its manual heartbeat', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [ContextWorker]);
    await app.listen();

    const outcome = await states.enqueueTask('context', {}).outcome;

    expect(outcome.status).toBe('succeeded');
    expect(JSON.parse((outcome as { output: string }).output)).toEqual({
      taskId: expect.stringMatching(/^[0-9a-f]{12}$/),
      workerName: 'context',
      activityArn: states.activityArn('context'),
    });
    expect(states.counters('context').heartbeatsReceived).toBe(1);
  });

  it('fails a task whose error message has 40,000 characters, with the cause cut', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [ThrowingWorker]);
    await app.listen();

    const outcome = await states.enqueueTask('throws', {}).outcome;

    expect(outcome).toMatchObject({ status: 'failed', error: 'Error' });
    const cause = (outcome as { cause: string }).cause;
    expect(cause.length).toBeLessThanOrEqual(32_768);
    expect(cause.startsWith('xxxx')).toBe(true);
  });

  it('fails a task whose output is 300 KB instead of leaving it running', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [HugeOutputWorker]);
    await app.listen();

    const outcome = await states.enqueueTask('huge', {}).outcome;

    expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.OutputTooLarge' });
    expect(states.counters('huge').tasksRunning).toBe(0);
  });
});
