import { existsSync } from 'node:fs';

import { InjectStore, Worker, type FileStore } from '@bevault-workers/core';
import { afterEach, describe, expect, it } from 'vitest';

import { closeAfterEach, ExecutionTimeoutError, runStateMachine, startWorkerEnvironment, Test } from '../../src/index';
import { CLOCK, GreetWorker, WaitWorker } from '../support/workers';

const fixedClock = { now: () => new Date('2024-05-01T12:00:00.000Z') };

/** Greets, routes a refused name to a fallback state, and fails on anything else unexpected. */
const greetMachine = {
  StartAt: 'Greet',
  States: {
    Greet: {
      Type: 'Task',
      Resource: 'activity:greet',
      Catch: [{ ErrorEquals: ['Greet.Refused'], ResultPath: '$.refusal', Next: 'Refused' }],
      End: true,
    },
    Refused: { Type: 'Pass', Result: 'refused', ResultPath: '$.result', End: true },
  },
};

/** Writes a marker file and returns the folder of its store. */
@Worker('mark')
class MarkWorker {
  constructor(@InjectStore('scratch') private readonly scratch: FileStore) {}

  async handle(): Promise<unknown> {
    await this.scratch.write(this.scratch.createFileToken('marker.txt'), 'x');
    return { basePath: (this.scratch as unknown as { basePath: string }).basePath };
  }
}

describe(runStateMachine.name, () => {
  it('returns the output and history of an execution', async () => {
    const run = await runStateMachine({
      workers: [GreetWorker],
      providers: [{ provide: CLOCK, useValue: fixedClock }],
      definition: greetMachine,
      input: { name: 'Ada', times: 1 },
    });

    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ greetings: ['Hello Ada at 2024-05-01T12:00:00.000Z'] });
    expect(run.rawOutput).toBe('{"greetings":["Hello Ada at 2024-05-01T12:00:00.000Z"]}');
    expect(run.history.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'ExecutionSucceeded']),
    );
    expect(run.logs.find({ message: 'Task finished', meta: { outcome: 'succeeded' } })).toBeDefined();
  });

  it('lets a Catch match the code of a TaskFailure', async () => {
    const run = await runStateMachine({
      app: Test.createWorkerApp({ workers: [GreetWorker] }).overrideProvider(CLOCK).useValue(fixedClock),
      definition: JSON.stringify(greetMachine),
      input: { name: 'throw', times: 1 },
    });

    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({
      name: 'throw',
      times: 1,
      refusal: { Error: 'Greet.Refused', Cause: 'This name is refused.' },
      result: 'refused',
    });
  });

  it('returns the error and cause of a failed execution', async () => {
    const run = await runStateMachine({
      workers: [GreetWorker],
      providers: [{ provide: CLOCK, useValue: fixedClock }],
      definition: greetMachine,
      input: { name: 'Ada' },
    });

    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Worker.InvalidInput');
    expect(run.cause).toContain("The input (GreetInput) of worker 'greet' is invalid");
    expect(run.output).toBeUndefined();
  });

  it('stops an execution that outlives timeoutMs and still tears everything down', async () => {
    const builder = Test.createWorkerApp({ workers: [WaitWorker, MarkWorker] }).overrideStore('scratch').useTempDir();
    const definition = {
      StartAt: 'Mark',
      States: {
        Mark: { Type: 'Task', Resource: 'activity:mark', ResultPath: '$.mark', Next: 'Wait' },
        Wait: { Type: 'Task', Resource: 'activity:wait', End: true },
      },
    };

    const running = runStateMachine({ app: builder, definition, input: { ignoreSignal: true }, timeoutMs: 1_500 });

    const error = (await running.catch((caught: unknown) => caught)) as ExecutionTimeoutError;
    expect(error).toBeInstanceOf(ExecutionTimeoutError);
    expect(error.message).toContain('was still running after 1500 ms and was stopped. Last events:');
    const marked = error.history.find((event) => event.type === 'ActivitySucceeded') as unknown as { activitySucceededEventDetails: { output: string } };
    const basePath = (JSON.parse(marked.activitySucceededEventDetails.output) as { basePath: string }).basePath;
    expect(existsSync(basePath)).toBe(false);
  });

  it('rejects a placeholder that names no worker', async () => {
    const definition = { StartAt: 'Load', States: { Load: { Type: 'Task', Resource: 'activity:load', End: true } } };

    await expect(runStateMachine({ workers: [WaitWorker], definition })).rejects.toThrow(
      "States.Load.Resource is 'activity:load', but no worker is named 'load'. Workers: 'wait'.",
    );
  });
});

describe(startWorkerEnvironment.name, () => {
  const closeLater = closeAfterEach(afterEach);

  it('runs several executions against one application', async () => {
    const environment = closeLater(await startWorkerEnvironment({ workers: [GreetWorker], providers: [{ provide: CLOCK, useValue: fixedClock }] }));

    const first = await environment.execute(greetMachine, { name: 'Ada', times: 1 });
    const second = await environment.execute(greetMachine, { name: 'error', times: 1 });

    expect(first.status).toBe('SUCCEEDED');
    expect(second).toMatchObject({ status: 'FAILED', error: 'WorkerError', cause: 'asked to fail' });
    expect(environment.states.counters('greet').tasksSucceeded).toBe(1);
    expect(environment.activityArns.get('greet')).toBe(environment.states.activityArn('greet'));
  });
});
