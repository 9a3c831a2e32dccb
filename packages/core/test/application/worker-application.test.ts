import { StoreRegistry } from '@bevault-workers/stores';
import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { Worker } from '../../src/decorators/worker.decorator';
import { ConfigurationError } from '../../src/errors/configuration-error';
import { DependencyResolutionError } from '../../src/errors/dependency-resolution-error';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';

class MissingDependency {
  value = 1;
}

@Worker('plain', { concurrency: 2 })
class PlainWorker {
  handle(): string {
    return 'ok';
  }
}

@Worker('needs_dependency')
class NeedsDependencyWorker {
  constructor(readonly dependency: MissingDependency) {}

  handle(): number {
    return this.dependency.value;
  }
}

/** No endpoint listens here; nothing in these tests may reach it. */
const unreachable = 'http://127.0.0.1:9';

const created: WorkerApplication[] = [];

async function create(options: Parameters<typeof WorkerApplication.create>[0] = {}) {
  const { logger, entries } = captureLogger();
  const app = await WorkerApplication.create({
    env: {},
    envFile: false,
    stores: [],
    logger,
    handleSignals: false,
    ...options,
    config: { serviceUrl: unreachable, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, ...options.config },
  });
  created.push(app);

  return { app, entries };
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((app) => app.close()));
});

describe(WorkerApplication.name, () => {
  describe('create()', () => {
    it('builds a created application without any network call', async () => {
      const { app } = await create({ workers: [PlainWorker] });

      expect(app.state).toBe('created');
      expect(app.activityArns.size).toBe(0);
      expect(app.container.resolve(PlainWorker)).toBeInstanceOf(PlainWorker);
      expect(app.counters()).toMatchObject({ plain: { tasksStarted: 0, slotCapacity: 2, pollsSent: 0 } });
    });

    it('rejects an application without workers', async () => {
      await expect(create({})).rejects.toThrow(ConfigurationError);
      await expect(create({})).rejects.toThrow('No worker to run');
    });

    it('rejects a worker whose constructor parameter nothing provides', async () => {
      await expect(create({ workers: [NeedsDependencyWorker] })).rejects.toThrow(DependencyResolutionError);
    });

    it('rejects an invalid setting before any poll', async () => {
      await expect(create({ workers: [PlainWorker], config: { shutdownGraceSeconds: -1 } })).rejects.toThrow(ConfigurationError);
    });

    it('leaves a registry it was given open when it closes', async () => {
      const stores = StoreRegistry.create({ definitions: [] });
      const { app } = await create({ workers: [PlainWorker], stores });

      await app.close();

      expect(app.stores).toBe(stores);
      expect(() => stores.startHealthChecks()).not.toThrow();
      await stores.close();
    });
  });

  describe('close()', () => {
    it('stops a created application at once', async () => {
      const { app, entries } = await create({ workers: [PlainWorker] });

      await app.close();

      expect(app.state).toBe('stopped');
      expect(entriesWith(entries, 'Application state changed').map((entry) => entry.to)).toEqual(['stopping', 'stopped']);
    });

    it('reports state changes to observers', async () => {
      const { app } = await create({ workers: [PlainWorker] });
      const seen: string[] = [];
      const unsubscribe = app.observe({ onEvent: (event) => event.type === 'state-changed' && seen.push(event.to) });

      await app.close();
      unsubscribe();

      expect(seen).toEqual(['stopping', 'stopped']);
    });
  });

  describe('listen()', () => {
    it('refuses to start a stopped application', async () => {
      const { app } = await create({ workers: [PlainWorker] });
      await app.close();

      await expect(app.listen()).rejects.toThrow('Cannot start a worker application in state "stopped"; create a new one.');
    });
  });
});
