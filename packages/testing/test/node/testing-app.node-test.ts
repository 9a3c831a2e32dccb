import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

import { closeAfterEach, runStateMachine, Test } from '@bevault-workers/testing';

import { GREETING, GreetWorker } from './greet-worker';

const closeLater = closeAfterEach(afterEach);

async function compile() {
  return closeLater(await Test.createWorkerApp({ workers: [GreetWorker] }).overrideProvider(GREETING).useValue('Hello').compile());
}

describe('testing app under node:test', () => {
  it('returns the success output', async () => {
    const app = await compile();

    assert.deepEqual(await app.run('greet', { name: 'Ada' }), { status: 'succeeded', output: 'Hello Ada', rawOutput: '"Hello Ada"' });
  });

  it('fails an invalid input with Worker.InvalidInput', async () => {
    const app = await compile();

    const outcome = await app.run('greet', { name: 7 });

    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.status === 'failed' && outcome.error, 'Worker.InvalidInput');
  });

  it('answers a task cut by shutdown with Worker.ShuttingDown', async () => {
    const app = await compile();
    const task = app.start('greet', { name: 'wait' });

    const outcome = await task.shutdown();

    assert.equal(outcome.status === 'failed' && outcome.error, 'Worker.ShuttingDown');
    assert.deepEqual(task.abortReason, { kind: 'shutdown', graceMs: 0 });
    await task.handlerStopped();
  });

  it('captures the outcome log line', async () => {
    const app = await compile();

    const task = app.start('greet', { name: 'Bo' });
    await task.outcome;

    assert.equal(app.logs.find({ message: 'Task finished', meta: { taskId: task.taskId } })?.meta.outcome, 'succeeded');
  });
});

describe('runStateMachine under node:test', () => {
  it('runs an execution through Local States', async () => {
    const run = await runStateMachine({
      workers: [GreetWorker],
      providers: [{ provide: GREETING, useValue: 'Hi' }],
      definition: { StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: 'activity:greet', End: true } } },
      input: { name: 'Cy' },
    });

    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.output, 'Hi Cy');
  });
});
