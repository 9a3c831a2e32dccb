import { afterEach, describe, expect, it } from 'vitest';

import { closeAfterEach, runStateMachine, startWorkerEnvironment, Test } from '../../src/index';
import { HttpRatesApi, LoadRatesWorker, RATES_API, type RatesApi } from './load-rates.worker';

// The examples of docs/testing.md, as written there.

const closeLater = closeAfterEach(afterEach);
const oneRate: RatesApi = { fetchRates: async () => [{ currency: 'USD', rate: 1.08 }] };

async function compile(api: RatesApi = oneRate) {
  const app = closeLater(
    await Test.createWorkerApp({ workers: [LoadRatesWorker], providers: [{ provide: RATES_API, useClass: HttpRatesApi }] })
      .overrideProvider(RATES_API).useValue(api)
      .overrideStore('warehouse').useSqlite()
      .compile(),
  );
  await app.stores.getDatabase('warehouse').execute('create table rates (day text, currency text, rate real)');
  return app;
}

const definition = {
  StartAt: 'LoadRates',
  States: {
    LoadRates: {
      Type: 'Task',
      Resource: 'activity:load_rates',
      Catch: [{ ErrorEquals: ['Rates.NotPublished'], ResultPath: '$.error', Next: 'NoRates' }],
      End: true,
    },
    NoRates: { Type: 'Pass', Result: 'skipped', ResultPath: '$.result', End: true },
  },
};

describe('testing guide', () => {
  describe('LoadRatesWorker', () => {
    it('inserts the rates and returns the row count', async () => {
      const app = await compile();

      const outcome = await app.run('load_rates', { day: '2024-05-01', target: 'warehouse' });

      expect(outcome).toEqual({ status: 'succeeded', output: { day: '2024-05-01', rows: 1 }, rawOutput: '{"day":"2024-05-01","rows":1}' });
      expect(await app.stores.getDatabase('warehouse').query('select currency, rate from rates')).toEqual([{ currency: 'USD', rate: 1.08 }]);
    });

    it('rejects a malformed day', async () => {
      const app = await compile();

      const outcome = await app.run('load_rates', { day: 'yesterday', target: 'warehouse' });

      expect(outcome).toEqual({
        status: 'failed',
        error: 'Worker.InvalidInput',
        cause: "The input (LoadRatesInput) of worker 'load_rates' is invalid (1 problem):\n- day: day must be a date such as 2024-05-01 (matches)",
      });
    });

    it('fails with Rates.NotPublished when the API has no rates', async () => {
      const app = await compile({ fetchRates: async () => [] });

      await expect(app.run('load_rates', { day: '2024-05-01', target: 'warehouse' })).resolves.toEqual({
        status: 'failed',
        error: 'Rates.NotPublished',
        cause: 'No rates are published for 2024-05-01 yet.',
      });
    });

    it('stops fetching when the task is cut by a shutdown', async () => {
      let fetchSignal: AbortSignal | undefined;
      const slowApi: RatesApi = {
        fetchRates: (_day, signal) => {
          fetchSignal = signal;
          return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
        },
      };
      const app = await compile(slowApi);
      const task = app.start('load_rates', { day: '2024-05-01', target: 'warehouse' });

      const outcome = await task.shutdown();

      expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
      expect(task.abortReason).toEqual({ kind: 'shutdown', graceMs: 0 });
      expect(fetchSignal?.aborted).toBe(true);
      await task.handlerStopped();
    });

    it('logs the outcome of the task', async () => {
      const app = await compile();

      const task = app.start('load_rates', { day: '2024-05-01', target: 'warehouse' });
      await task.outcome;

      expect(app.logs.find({ message: 'Task finished', meta: { taskId: task.taskId } })?.meta).toMatchObject({ outcome: 'succeeded', worker: 'load_rates' });
      expect(app.logs.filter({ level: 'error' })).toEqual([]);
    });
  });

  it('routes unpublished rates to NoRates', async () => {
    const run = await runStateMachine({
      app: Test.createWorkerApp({ workers: [LoadRatesWorker] })
        .overrideProvider(RATES_API).useValue({ fetchRates: async () => [] })
        .overrideStore('warehouse').useSqlite(),
      definition,
      input: { day: '2024-05-01', target: 'warehouse' },
    });

    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ result: 'skipped', error: { Error: 'Rates.NotPublished' } });
    expect(run.history.map((event) => event.type)).toContain('ActivityFailed');
  });

  it('loads two days', async () => {
    const environment = closeLater(
      await startWorkerEnvironment(Test.createWorkerApp({ workers: [LoadRatesWorker] }).overrideProvider(RATES_API).useValue(oneRate).overrideStore('warehouse').useSqlite()),
    );
    await environment.app.stores.getDatabase('warehouse').execute('create table rates (day text, currency text, rate real)');

    const first = await environment.execute(definition, { day: '2024-05-01', target: 'warehouse' });
    const second = await environment.execute(definition, { day: '2024-05-02', target: 'warehouse' });

    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(environment.states.counters('load_rates').tasksSucceeded).toBe(2);
  });
});
