import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { cleanUp, startStates, testCredentials, waitUntil } from './support/harness';

interface ChildRun {
  readonly child: ChildProcess;
  readonly lines: Array<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

/** Starts the signal test application in a child process; its JSON log lines are collected. */
function startChild(statesUrl: string, graceSeconds: number): ChildRun {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'signal-app.cjs')], {
    env: {
      PATH: process.env.PATH,
      STATES_URL: statesUrl,
      STATES_KEY: testCredentials.accessKeyId,
      STATES_SECRET: testCredentials.secretAccessKey,
      GRACE_SECONDS: String(graceSeconds),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete.filter((text) => text.trim() !== '')) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && stderr !== '') {
        process.stderr.write(stderr);
      }
      resolve({ code, signal });
    }),
  );

  return { child, lines, exited };
}

function isRunning(lines: Array<Record<string, unknown>>): boolean {
  return lines.some((line) => line.message === 'Application state changed' && line.to === 'running');
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  await cleanUp();
});

describe('WorkerApplication signal handling', () => {
  it('shuts down gracefully on SIGTERM with tasks and polls in flight, losing nothing', async () => {
    const states = await startStates({ pollHoldMs: 1_500 });
    const run = startChild(states.url, 1);
    await waitUntil(() => isRunning(run.lines), 'the child application is running', 20_000);

    const slow = [states.enqueueTask('signal_slow', { ms: 600 })];
    const stubborn = states.enqueueTask('signal_stubborn', {});
    await waitUntil(() => states.counters().tasksRunning === 2, 'both tasks were delivered');
    await waitUntil(() => states.counters('signal_slow').pollsInFlight === 1, 'the free slot of "signal_slow" is polling');

    run.child.kill('SIGTERM');
    slow.push(states.enqueueTask('signal_slow', { ms: 100 }));
    const exit = await run.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await Promise.all(slow.map((task) => task.outcome))).toEqual([
      { status: 'succeeded', output: '"done"' },
      { status: 'succeeded', output: '"done"' },
    ]);
    await expect(stubborn.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
    const counters = states.counters();
    expect(counters.tasksLost).toBe(0);
    expect(counters.tasksRunning).toBe(0);
    expect(counters.tasksDelivered).toBe(counters.tasksSucceeded + counters.tasksFailed);
    // The late task may reach the child's poll before or after the signal does.
    const started = run.lines.find((line) => line.message === 'Shutdown started; polling stopped');
    expect(Number(started?.runningTasks) + Number(started?.pollsInFlight)).toBe(3);
    expect(run.lines.at(-1)).toMatchObject({ message: 'Application state changed', to: 'stopped' });
  });

  it('stops at once on a second SIGTERM and still answers the running task', async () => {
    const states = await startStates({ pollHoldMs: 10_000 });
    const run = startChild(states.url, 30);
    await waitUntil(() => isRunning(run.lines), 'the child application is running', 20_000);
    const stubborn = states.enqueueTask('signal_stubborn', {});
    await waitUntil(() => states.counters().tasksRunning === 1, 'the task was delivered');

    run.child.kill('SIGTERM');
    await waitUntil(() => run.lines.some((line) => line.message === 'Shutdown started; polling stopped'), 'the shutdown started');
    const secondAt = Date.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;

    expect(Date.now() - secondAt).toBeLessThan(3_000);
    expect(exit).toEqual({ code: 143, signal: null });
    await expect(stubborn.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
    expect(run.lines.some((line) => line.message === 'Second signal received; stopping at once')).toBe(true);
  });
});
