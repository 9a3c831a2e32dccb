import { DependencyResolutionError, WorkerErrorCodes } from '@bevault-workers/core';
import { afterEach, describe, expect, it } from 'vitest';

import { Test, TestingWorkerApp } from '../../src/index';
import { CLOCK, GreetWorker, WaitWorker, type Clock } from '../support/workers';

const fixedClock: Clock = { now: () => new Date('2024-05-01T12:00:00.000Z') };
const apps: TestingWorkerApp[] = [];

async function compileGreeter(): Promise<TestingWorkerApp> {
  const app = await Test.createWorkerApp({ workers: [GreetWorker, WaitWorker] })
    .overrideProvider(CLOCK)
    .useValue(fixedClock)
    .compile();
  apps.push(app);
  return app;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe(TestingWorkerApp.name, () => {
  describe('run', () => {
    it('returns the output the runtime would send', async () => {
      const app = await compileGreeter();

      const outcome = await app.run('greet', { name: 'Ada', times: 2 });

      const output = { greetings: ['Hello Ada at 2024-05-01T12:00:00.000Z', 'Hello Ada at 2024-05-01T12:00:00.000Z'] };
      expect(outcome).toEqual({ status: 'succeeded', output, rawOutput: JSON.stringify(output) });
    });

    it('fails an invalid input with Worker.InvalidInput and the problems', async () => {
      const app = await compileGreeter();

      const outcome = await app.run('greet', { name: 'Ada', times: 0 });

      expect(outcome).toEqual({
        status: 'failed',
        error: WorkerErrorCodes.invalidInput,
        cause: "The input (GreetInput) of worker 'greet' is invalid (1 problem):\n- times: times must not be less than 1 (min)",
      });
    });

    it('fails malformed JSON text with Worker.InvalidInput', async () => {
      const app = await compileGreeter();

      const outcome = await app.run('greet', '{"name": ');

      expect(outcome).toMatchObject({ status: 'failed', error: WorkerErrorCodes.invalidInput });
    });

    it('sends the code of a thrown TaskFailure', async () => {
      const app = await compileGreeter();

      const outcome = await app.run('greet', { name: 'throw', times: 1 });

      expect(outcome).toEqual({ status: 'failed', error: 'Greet.Refused', cause: 'This name is refused.' });
    });

    it('maps the dict results of the Python library', async () => {
      const app = await compileGreeter();

      await expect(app.run('greet', { name: 'error', times: 1 })).resolves.toEqual({ status: 'failed', error: 'WorkerError', cause: 'asked to fail' });
      await expect(app.run('greet', { name: 'cancel', times: 1 })).resolves.toEqual({
        status: 'none',
        reason: "The handler returned {status: 'canceled'}.",
      });
    });

    it('fails an output over 256 KiB with Worker.OutputTooLarge', async () => {
      const app = await compileGreeter();

      const outcome = await app.run('greet', { name: 'huge', times: 1 });

      expect(outcome).toMatchObject({ status: 'failed', error: WorkerErrorCodes.outputTooLarge });
    });

    it('rejects an unknown worker name with the known ones', async () => {
      const app = await compileGreeter();

      expect(() => app.run('gret', {})).toThrow("No worker named 'gret' in the testing app. Known workers: 'greet', 'wait'.");
    });
  });

  describe('compile', () => {
    it('reports a provider nothing provides, as WorkerApplication.create does', async () => {
      const compiling = Test.createWorkerApp({ workers: [GreetWorker] }).compile();

      await expect(compiling).rejects.toThrow(DependencyResolutionError);
      await expect(compiling).rejects.toThrow(/clock/);
    });

    it('rejects an override of a worker class', () => {
      const builder = Test.createWorkerApp({ workers: [GreetWorker] });

      expect(() => builder.overrideProvider(GreetWorker)).toThrow('Cannot override worker class GreetWorker');
    });
  });

  describe('logs', () => {
    it('captures the task outcome line with its fields', async () => {
      const app = await compileGreeter();

      const task = app.start('greet', { name: 'throw', times: 1 });
      await task.outcome;

      const finished = app.logs.find({ message: 'Task finished', meta: { taskId: task.taskId } });
      expect(finished?.level).toBe('warn');
      expect(finished?.meta).toMatchObject({ worker: 'greet', outcome: 'failed', errorCode: 'Greet.Refused' });
      expect(task.logs().map((entry) => entry.message)).toEqual(expect.arrayContaining(['Task started', 'Handler started', 'Task finished']));
    });
  });

  describe('close', () => {
    it('answers a running task with Worker.ShuttingDown and refuses new runs', async () => {
      const app = await compileGreeter();
      const task = app.start('wait', {});

      await app.close();

      await expect(task.outcome).resolves.toMatchObject({ status: 'failed', error: WorkerErrorCodes.shuttingDown });
      expect(() => app.run('greet', { name: 'Ada', times: 1 })).toThrow('the testing app is closed');
    });
  });
});
