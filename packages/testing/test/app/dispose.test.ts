import { describe, expect, it } from 'vitest';

import { Test, TestingWorkerApp } from '../../src/index';
import { WaitWorker } from '../support/workers';

describe(`${TestingWorkerApp.name} disposal`, () => {
  it('closes the app at the end of an await using block', async () => {
    let task;
    {
      await using app = await Test.createWorkerApp({ workers: [WaitWorker] }).compile();
      task = app.start('wait', {});
    }

    await expect(task.outcome).resolves.toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
  });
});
