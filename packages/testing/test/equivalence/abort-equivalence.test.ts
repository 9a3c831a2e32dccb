import { Writable } from 'node:stream';

import { createLogger, shortTaskId, Worker, WorkerApplication, type TaskAbortReason, type TaskContext } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, describe, expect, it } from 'vitest';

import { closeAfterEach, Test } from '../../src/index';
import { untilAborted } from '../support/workers';

/** The abort reason each task's handler saw, by task id. */
const seenReasons = new Map<string, TaskAbortReason>();

/** Waits for its signal, records why it aborted, then returns or, with `ignoreSignal`, never settles. */
@Worker('abortable', { heartbeatSeconds: 0.3 })
class AbortableWorker {
  async handle(input: { ignoreSignal?: boolean }, task: TaskContext): Promise<unknown> {
    await untilAborted(task.signal);
    seenReasons.set(task.taskId, task.signal.reason as TaskAbortReason);

    return input.ignoreSignal === true ? new Promise(() => undefined) : { stopped: true };
  }
}

const credentials = { accessKeyId: 'AKIDEQUIVALENCE', secretAccessKey: 'equivalence-test-secret' };
const closeLater = closeAfterEach(afterEach);

async function startRealApplication(shutdownGraceSeconds: number): Promise<{ states: StatesLocal; application: WorkerApplication }> {
  const states = await StatesLocal.start({ pollHoldMs: 500, credentials });
  closeLater({ close: () => states.stop() });

  const application = await WorkerApplication.create({
    workers: [AbortableWorker],
    stores: [],
    env: {},
    envFile: false,
    handleSignals: false,
    logger: createLogger({ level: 'error', format: 'json', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) }),
    config: { serviceUrl: states.url, region: 'us-east-1', credentials, requestTimeoutSeconds: 5, pollRequestTimeoutSeconds: 10, shutdownGraceSeconds },
  });
  closeLater({ close: () => application.close({ immediate: true }) });
  await application.listen();

  return { states, application };
}

describe('testing app and real runtime under aborts', () => {
  it('end a task whose heartbeat expired the same way', async () => {
    const { states, application } = await startRealApplication(1);
    const outcomes = new Map<string, string>();
    application.observe({ onEvent: (event) => void (event.type === 'task-finished' && outcomes.set(event.taskId, event.outcome)) });

    const real = states.enqueueTask('abortable', {}, { heartbeatSeconds: 0.1 });
    const realEnd = await real.outcome;
    const realTaskId = shortTaskId(real.taskToken);
    await waitFor(() => outcomes.has(realTaskId));

    const app = closeLater(await Test.createWorkerApp({ workers: [AbortableWorker] }).compile());
    const simulated = app.start('abortable', {});
    await simulated.expireHeartbeat();

    expect(realEnd).toEqual({ status: 'timed-out', error: 'States.HeartbeatTimeout' });
    expect(outcomes.get(realTaskId)).toBe('not-answered');
    await expect(simulated.outcome).resolves.toMatchObject({ status: 'none' });
    await simulated.handlerStopped();
    expect(pick(seenReasons.get(simulated.taskId))).toEqual(pick(seenReasons.get(realTaskId)));
    expect(pick(seenReasons.get(realTaskId))).toEqual({ kind: 'heartbeat-rejected', code: 'TaskTimedOut' });
  });

  it('answer a task cut by shutdown with the same failure', async () => {
    const { states, application } = await startRealApplication(0.2);
    const real = states.enqueueTask('abortable', { ignoreSignal: true });
    await waitFor(() => states.counters('abortable').tasksRunning === 1);

    await application.close();
    const realEnd = await real.outcome;

    const app = closeLater(await Test.createWorkerApp({ workers: [AbortableWorker] }).compile());
    const simulated = app.start('abortable', { ignoreSignal: true });
    const simulatedEnd = await simulated.shutdown({ graceMs: 200 });

    expect(realEnd).toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
    expect(simulatedEnd).toEqual({ status: 'failed', error: (realEnd as { error: string }).error, cause: (realEnd as { cause: string }).cause });
    expect(seenReasons.get(simulated.taskId)).toEqual(seenReasons.get(shortTaskId(real.taskToken)));
  });
});

function pick(reason: TaskAbortReason | undefined): object | undefined {
  return reason?.kind === 'heartbeat-rejected' ? { kind: reason.kind, code: reason.code } : reason;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Condition still false after ${timeoutMs} ms.`);
    }

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
