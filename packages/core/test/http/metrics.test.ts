import { normalizeStoreDefinition } from '@bevault-workers/stores';
import { register as globalRegistry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { TaskFailure } from '../../src/errors/task-failure';
import { cleanUp, createApp, delay, startStates, waitUntil } from '../e2e/support/harness';
import { useTempDirs } from '../helpers/temp-dirs';
import { get, scrape, valueOf } from './support/scrape';

@Worker('echo', { concurrency: 3 })
class EchoWorker {
  async handle(input: { fail?: boolean }): Promise<object> {
    if (input.fail === true) {
      throw new TaskFailure('Data.Invalid', 'The row count does not match.');
    }

    return input;
  }
}

@Worker('slow', { concurrency: 1, heartbeatSeconds: 0.1 })
class SlowWorker {
  async handle(): Promise<string> {
    await delay(700);
    return 'done';
  }
}

const httpServer = { port: 0, host: '127.0.0.1' };

afterEach(cleanUp);

describe(`${WorkerApplication.name} metrics`, () => {
  const tempDir = useTempDirs();

  it('serves the Prometheus text format', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [EchoWorker], { httpServer });
    await app.listen();

    const response = await get(app, '/metrics');
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# HELP bevault_worker_tasks_started_total Tasks received from GetActivityTask and started.');
    expect(text).toContain('# TYPE bevault_worker_task_duration_seconds histogram');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it('counts tasks by worker and error code', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [EchoWorker], { httpServer });
    await app.listen();

    await Promise.all([
      states.enqueueTask('echo', {}).outcome,
      states.enqueueTask('echo', {}).outcome,
      states.enqueueTask('echo', { fail: true }).outcome,
    ]);
    await waitUntil(() => app.counters().echo?.tasksSucceeded === 2, 'the answers are counted');
    const samples = await scrape(app);

    expect(valueOf(samples, 'bevault_worker_tasks_started_total', { worker: 'echo' })).toBe(3);
    expect(valueOf(samples, 'bevault_worker_tasks_succeeded_total', { worker: 'echo' })).toBe(2);
    expect(valueOf(samples, 'bevault_worker_tasks_failed_total', { worker: 'echo', error_code: 'Data.Invalid' })).toBe(1);
    expect(valueOf(samples, 'bevault_worker_task_duration_seconds_count', { worker: 'echo', outcome: 'succeeded' })).toBe(2);
    expect(valueOf(samples, 'bevault_worker_task_duration_seconds_count', { worker: 'echo', outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'bevault_worker_task_duration_seconds_bucket', { worker: 'echo', outcome: 'succeeded', le: '+Inf' })).toBe(2);
    expect(valueOf(samples, 'bevault_worker_tasks_not_answered_total', { worker: 'echo' })).toBeUndefined();
  });

  it('reports polls in flight, empty polls, poll errors and slots', async () => {
    const states = await startStates({ pollHoldMs: 200 });
    states.faults.add({ operation: 'GetActivityTask', kind: 'internal-failure', times: 2 });
    const { app } = await createApp(states, [EchoWorker], { httpServer });
    await app.listen();

    await waitUntil(() => (app.counters().echo?.emptyPolls ?? 0) >= 2, 'two polls come back empty');
    const samples = await scrape(app);

    expect(valueOf(samples, 'bevault_worker_poll_errors_total', { worker: 'echo', error_code: 'InternalFailure' })).toBe(2);
    expect(valueOf(samples, 'bevault_worker_polls_empty_total', { worker: 'echo' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(samples, 'bevault_worker_polls_total', { worker: 'echo' })).toBeGreaterThanOrEqual(4);
    expect(valueOf(samples, 'bevault_worker_polls_in_flight', { worker: 'echo' })).toBe(app.counters().echo?.pollsInFlight);
    expect(valueOf(samples, 'bevault_worker_slots', { worker: 'echo' })).toBe(3);
    expect(valueOf(samples, 'bevault_worker_slots_in_use', { worker: 'echo' })).toBe(app.counters().echo?.slotsInUse);
  });

  it('counts heartbeat failures by error code', async () => {
    const states = await startStates();
    states.faults.add({ operation: 'SendTaskHeartbeat', kind: 'internal-failure', times: 2 });
    const { app } = await createApp(states, [SlowWorker], { httpServer });
    await app.listen();

    await states.enqueueTask('slow', {}).outcome;
    const samples = await scrape(app);

    expect(valueOf(samples, 'bevault_worker_heartbeat_failures_total', { worker: 'slow', error_code: 'InternalFailure' })).toBe(2);
  });

  it('reports the health of every store with its status', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [EchoWorker], { httpServer }, {
      stores: [
        normalizeStoreDefinition({ Name: 'files', Type: 'file', Config: { BasePath: tempDir() }, HealthCheck: true }),
        normalizeStoreDefinition({ Name: 'gone', Type: 'file', Config: { BasePath: `${tempDir()}/missing` }, HealthCheck: true }),
        normalizeStoreDefinition({ Name: 'plain', Type: 'file', Config: { BasePath: tempDir() } }),
        normalizeStoreDefinition({ Name: 'broken', Type: 'no-such-type', Config: {} }),
      ],
    });
    await app.listen();
    await app.stores.checkHealth();

    const samples = await scrape(app);

    expect(samples.filter((sample) => sample.name === 'bevault_worker_store_healthy')).toEqual([
      { name: 'bevault_worker_store_healthy', labels: { store: 'broken', source: 'local', status: 'Error' }, value: 0 },
      { name: 'bevault_worker_store_healthy', labels: { store: 'files', source: 'local', status: 'Success' }, value: 1 },
      { name: 'bevault_worker_store_healthy', labels: { store: 'gone', source: 'local', status: 'Error' }, value: 0 },
      { name: 'bevault_worker_store_healthy', labels: { store: 'plain', source: 'local', status: 'Disabled' }, value: 0 },
    ]);
    expect(valueOf(samples, 'bevault_worker_ready')).toBe(1);
  });

  it('counts failed store sync calls by operation and error code', async () => {
    const states = await startStates();
    states.faults.add({ operation: 'DfaktoStatesSyncStores', kind: 'internal-failure', times: 1 });
    const { app } = await createApp(states, [EchoWorker], { httpServer, environmentName: 'dev', storeSync: { enabled: true, pollTimeoutSeconds: 5 } });
    await app.listen();

    const samples = await scrape(app);

    expect(valueOf(samples, 'bevault_worker_store_sync_failures_total', { operation: 'DfaktoStatesSyncStores', error_code: 'InternalFailure' })).toBe(1);
  });

  it('keeps the metrics of each application in its own registry', async () => {
    const states = await startStates();
    const first = await createApp(states, [EchoWorker], { httpServer });
    const second = await createApp(states, [EchoWorker], { httpServer, environmentName: 'other' });
    await first.app.listen();
    await second.app.listen();

    await states.enqueueTask('echo', {}).outcome;
    await waitUntil(() => first.app.counters().echo?.tasksSucceeded === 1, 'the answer is counted');

    expect(valueOf(await scrape(first.app), 'bevault_worker_tasks_succeeded_total', { worker: 'echo' })).toBe(1);
    expect(valueOf(await scrape(second.app), 'bevault_worker_tasks_succeeded_total', { worker: 'echo' })).toBe(0);
    expect(globalRegistry.getSingleMetric('bevault_worker_tasks_started_total')).toBeUndefined();
  });
});
