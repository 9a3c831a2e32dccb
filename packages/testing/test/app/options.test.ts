import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { closeAfterEach, runStateMachine, Test } from '../../src/index';
import { CLOCK, GreetWorker, WaitWorker } from '../support/workers';

const closeLater = closeAfterEach(afterEach);
const fixedClock = { now: () => new Date(0) };

describe('testing app options', () => {
  it('keeps only entries at logLevel or above', async () => {
    const app = closeLater(await Test.createWorkerApp({ workers: [WaitWorker], logLevel: 'info' }).compile());

    await app.start('wait', {}).shutdown();

    expect(app.logs.messages()).toContain('Task finished');
    expect(app.logs.filter({ level: 'debug' })).toEqual([]);
  });

  it('prefixes activity ARNs with config.environmentName', async () => {
    const app = closeLater(await Test.createWorkerApp({ workers: [WaitWorker], config: { environmentName: 'dev', region: 'eu-west-1' } }).compile());

    expect(app.activityArn('wait')).toBe('arn:aws:states:eu-west-1:123456789012:activity:dev_wait');
    expect(app.config.environmentName).toBe('dev');
    expect(app.workerNames).toEqual(['wait']);
  });

  it('opens a SQLite file given to useSqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bvw-testing-test-'));
    try {
      const file = join(dir, 'warehouse.db');
      const app = closeLater(await Test.createWorkerApp({ workers: [WaitWorker] }).overrideStore('warehouse').useSqlite(file).compile());

      await app.stores.getDatabase('warehouse').execute('create table t (id integer)');
      await app.close();

      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('retries a heartbeat whose hook throws an ordinary error', async () => {
    const app = closeLater(await Test.createWorkerApp({ workers: [WaitWorker] }).compile());
    const task = app.start('wait', {}, {
      heartbeat: ({ count }) => {
        if (count === 1) {
          throw new Error('connection reset');
        }
      },
    });

    await new Promise((resolve) => setTimeout(resolve, 200));
    task.cancel();

    await expect(task.outcome).resolves.toMatchObject({ status: 'succeeded', output: { stoppedBy: 'cancelled' } });
    expect(task.heartbeats).toBeGreaterThanOrEqual(2);
  });

  it('reports a store without a temporary folder', async () => {
    const app = closeLater(await Test.createWorkerApp({ workers: [WaitWorker] }).compile());

    expect(() => app.tempDir('landing')).toThrow("Store 'landing' has no temporary folder");
  });
});

describe('runStateMachine options', () => {
  it('resolves placeholders to the activities of config.environmentName', async () => {
    const run = await runStateMachine({
      workers: [GreetWorker],
      providers: [{ provide: CLOCK, useValue: fixedClock }],
      config: { environmentName: 'dev' },
      definition: { StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: 'activity:greet', End: true } } },
      input: { name: 'Ada', times: 1 },
    });

    const scheduled = run.history.find((event) => event.type === 'ActivityScheduled') as unknown as { activityScheduledEventDetails: { resource: string } };
    expect(run.status).toBe('SUCCEEDED');
    expect(scheduled.activityScheduledEventDetails.resource).toMatch(/:activity:dev_greet$/);
  });
});
