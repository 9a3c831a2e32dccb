import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { HttpServerError } from '../../src/http/http-server-error';
import { cleanUp, createApp, startStates, waitUntil } from '../e2e/support/harness';
import { get } from './support/scrape';

/** Released by the test to let a running {@link BlockingWorker} task end. */
let release: (() => void) | undefined;
let started = 0;

@Worker('blocking', { concurrency: 1 })
class BlockingWorker {
  async handle(): Promise<string> {
    started += 1;
    await new Promise<void>((resolve) => (release = resolve));
    return 'done';
  }
}

const httpServer = { port: 0, host: '127.0.0.1' };

afterEach(async () => {
  release?.();
  release = undefined;
  started = 0;
  await cleanUp();
});

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return response.json();
}

describe(`${WorkerApplication.name} health and metrics server`, () => {
  it('is off unless a port is set', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [BlockingWorker]);

    await app.listen();

    expect(app.httpServerAddress).toBeUndefined();
  });

  it('answers /healthz and /readyz once running', async () => {
    const states = await startStates();
    const { app, entries } = await createApp(states, [BlockingWorker], { httpServer });
    await app.listen();

    const health = await get(app, '/healthz');
    const ready = await get(app, '/readyz');

    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await json(health)).toEqual({ status: 'ok' });
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: 'ready', ready: true, state: 'running' });
    expect(app.httpServerAddress).toMatchObject({ host: '127.0.0.1', url: `http://127.0.0.1:${app.httpServerAddress?.port}` });
    expect(entries.find((entry) => entry.message === 'Health and metrics server listening')).toMatchObject({ url: app.httpServerAddress?.url });
  });

  it('is not ready while the activities are being registered', async () => {
    const { app } = await createApp({ url: 'http://127.0.0.1:9' }, [BlockingWorker], { httpServer });

    void app.listen().catch(() => undefined);
    await waitUntil(() => app.httpServerAddress !== undefined, 'the server listens');
    const ready = await get(app, '/readyz');
    const health = await get(app, '/healthz');

    expect(ready.status).toBe(503);
    expect(await json(ready)).toEqual({
      status: 'not ready',
      ready: false,
      state: 'starting',
      reason: 'The activities are being registered; polling has not started.',
    });
    expect(health.status).toBe(200);
  });

  it('turns not ready while draining, stays alive, and stops listening after the shutdown', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [BlockingWorker], { httpServer, shutdownGraceSeconds: 10 });
    await app.listen();
    const { url } = app.httpServerAddress!;
    const task = states.enqueueTask('blocking', {});
    await waitUntil(() => started === 1, 'the task runs');

    const closing = app.close();
    await waitUntil(() => app.state === 'stopping', 'the drain starts');
    const draining = await get(app, '/readyz');
    const alive = await get(app, '/healthz');
    release?.();
    await closing;

    expect(draining.status).toBe(503);
    expect(await json(draining)).toEqual({
      status: 'not ready',
      ready: false,
      state: 'stopping',
      reason: 'Draining for a shutdown: polling stopped and running tasks are finishing.',
    });
    expect(alive.status).toBe(200);
    expect(await task.outcome).toEqual({ status: 'succeeded', output: '"done"' });
    expect(app.httpServerAddress).toBeUndefined();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('handles HEAD, other methods and unknown paths', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [BlockingWorker], { httpServer });
    await app.listen();

    const head = await get(app, '/readyz', { method: 'HEAD' });
    const post = await get(app, '/metrics', { method: 'POST' });
    const missing = await get(app, '/status?verbose=1');

    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await json(post)).toEqual({ error: 'Method POST is not allowed; use GET.' });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: 'No resource at /status.', paths: ['/healthz', '/readyz', '/metrics'] });
  });

  it('listens on the port and host of the environment variables', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [BlockingWorker], {}, { env: { httpServer__port: '0', httpServer__host: '127.0.0.1' } });

    await app.listen();

    expect(app.httpServerAddress?.host).toBe('127.0.0.1');
    expect((await get(app, '/healthz')).status).toBe(200);
  });

  it('fails the start when the port is taken, naming the address', async () => {
    const states = await startStates();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;

    try {
      const { app } = await createApp(states, [BlockingWorker], { httpServer: { port, host: '127.0.0.1' } });
      const error = await app.listen().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

      expect(error).toBeInstanceOf(HttpServerError);
      expect((error as Error).message).toMatch(
        new RegExp(`^The health and metrics server could not listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\): .+\\. Choose a free port with httpServer__port, or another interface with httpServer__host\\.$`),
      );
      expect(app.state).toBe('failed');
      expect(states.counters().requests.CreateActivity ?? 0).toBe(0);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
