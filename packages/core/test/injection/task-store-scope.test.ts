import { StoreRegistry } from '@bevault-workers/stores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TaskStoreScope } from '../../src/injection/task-store-scope';
import { captureLogs } from '../helpers/log-capture';

describe(TaskStoreScope.name, () => {
  let registry: StoreRegistry;
  let scope: TaskStoreScope;

  beforeEach(() => {
    registry = StoreRegistry.create({ definitions: [] });
    scope = new TaskStoreScope(registry, captureLogs().logger);
  });

  afterEach(async () => {
    await registry.close();
  });

  describe('without live stores', () => {
    it('hands the task a snapshot but keeps current() on the registry', async () => {
      const seen = await scope.run(async (stores) => ({ stores, current: scope.current() }));

      expect(seen.stores).not.toBe(registry);
      expect(seen.current).toBe(registry);
    });
  });

  describe('once a live store exists', () => {
    it('returns the running task its own snapshot', async () => {
      const lookup = scope.liveLookup();

      const seen = await scope.run(async (stores) => {
        await new Promise((resolve) => setImmediate(resolve));
        return { stores, current: lookup() };
      });

      expect(seen.current).toBe(seen.stores);
      expect(seen.stores).not.toBe(registry);
    });

    it('returns the registry outside tasks', () => {
      const lookup = scope.liveLookup();

      expect(lookup()).toBe(registry);
    });
  });
});
