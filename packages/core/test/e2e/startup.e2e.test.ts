import { createServer } from 'node:net';

import { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, describe, expect, it } from 'vitest';

import { ApplicationClosedError } from '../../src/application/application-closed-error';
import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { CredentialsRejectedError } from '../../src/registration/activity-registration-error';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, createApp, delay, startStates, testCredentials, waitUntil } from './support/harness';

@Worker('greet', { concurrency: 1 })
class GreetWorker {
  handle(input: { name: string }): string {
    return `hello ${input.name}`;
  }
}

/** Returns a loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));

  return port;
}

const lateEndpoints: StatesLocal[] = [];

afterEach(async () => {
  await cleanUp();
  await Promise.all(lateEndpoints.splice(0).map((states) => states.stop()));
});

describe(`${WorkerApplication.name} start`, () => {
  it.each([
    ['secret', { ...testCredentials, secretAccessKey: 'wrong-secret' }, 'InvalidSignatureException'],
    ['key', { ...testCredentials, accessKeyId: 'AKIDUNKNOWN' }, 'UnrecognizedClientException'],
  ])('stops with CredentialsRejectedError on a wrong %s', async (_case, credentials, code) => {
    const states = await startStates();
    const { app } = await createApp(states, [GreetWorker], { credentials });

    const listening = app.listen();

    await expect(listening).rejects.toThrow(CredentialsRejectedError);
    await expect(listening).rejects.toThrow(`Credentials rejected by ${states.url} (${code}) while creating activity "greet".`);
    await expect(listening).rejects.not.toThrow(credentials.secretAccessKey);
    expect(app.state).toBe('failed');
    expect(states.counters().requests.CreateActivity).toBe(1);
    expect(states.counters().requests.GetActivityTask ?? 0).toBe(0);
  });

  it.each([
    ['_', 'dev_greet'],
    ['-', 'dev-greet'],
  ] as const)('prefixes activity names with EnvironmentName and "%s"', async (separator, activityName) => {
    const states = await startStates();
    const { app } = await createApp(states, [GreetWorker], { environmentName: 'dev', activityNameSeparator: separator });
    await app.listen();

    const outcome = await states.enqueueTask(activityName, { name: 'dev' }).outcome;

    expect(outcome).toEqual({ status: 'succeeded', output: '"hello dev"' });
    expect(app.activityArns.get('greet')).toBe(states.activityArn(activityName));
  });

  it('waits for States to come up, then registers and serves', async () => {
    const port = await freePort();
    const { app, entries } = await createApp({ url: `http://127.0.0.1:${port}` }, [GreetWorker]);

    const listening = app.listen();
    await waitUntil(() => entriesWith(entries, 'Cannot register activity; retrying with backoff').length > 0, 'a retry was logged');
    await delay(1_000);
    expect(app.state).toBe('starting');

    const states = await StatesLocal.start({ port, pollHoldMs: 1_000, credentials: testCredentials });
    lateEndpoints.push(states);
    await listening;

    await expect(states.enqueueTask('greet', { name: 'late' }).outcome).resolves.toEqual({ status: 'succeeded', output: '"hello late"' });
    const warnings = entriesWith(entries, 'Cannot register activity; retrying with backoff').filter((entry) => entry.level === 'warn');
    expect(warnings).toMatchObject([{ errorCode: 'ECONNREFUSED', activityName: 'greet' }]);
    expect(entriesWith(entries, 'Endpoint reachable again; activity registered')).toHaveLength(1);
  });

  it('resolves start() when closed while States is unreachable', async () => {
    const port = await freePort();
    const { app } = await createApp({ url: `http://127.0.0.1:${port}` }, [GreetWorker]);

    const listening = app.listen();
    const running = app.start();
    await delay(300);
    await app.close();

    await expect(listening).rejects.toThrow(ApplicationClosedError);
    await expect(running).resolves.toBeUndefined();
    expect(app.state).toBe('stopped');
  });
});
