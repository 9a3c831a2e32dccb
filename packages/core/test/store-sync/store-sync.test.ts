import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { normalizeStoreDefinition, StoreRegistry, StoreTypeRegistry, type FileStore, type Store } from '@bevault-workers/stores';
import type { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, describe, expect, it } from 'vitest';

import { Backoff } from '../../src/polling/backoff';
import { StatesStoreClient } from '../../src/store-sync/states-store-client';
import { StoreSync } from '../../src/store-sync/store-sync';
import { delay, waitUntil } from '../e2e/support/harness';
import { useTempDirs } from '../helpers/temp-dirs';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, createRegistry, createSync, environmentName, fileStore, startGateway, startStates } from './support/harness';

afterEach(cleanUp);

/** A store whose ping never settles, as a server that accepts connections and never replies. */
class HangingStore implements Store {
  readonly kind = 'database' as const;
  readonly type = 'hanging';

  constructor(readonly context: { name: string }) {}

  get name(): string {
    return this.context.name;
  }

  ping(): Promise<void> {
    return new Promise(() => undefined);
  }

  async close(): Promise<void> {}
}

/** A States file store definition, as States publishes it. */
function statesFileStore(name: string, basePath: string, healthCheck = false) {
  return { name, type: 'file', enableHealthCheck: healthCheck, healthCheckDelaySeconds: 3600, config: { BasePath: basePath } };
}

function basePathOf(stores: StoreRegistry, name: string): string {
  return (stores.get(name) as FileStore & { basePath: string }).basePath;
}

async function startSynced(states: StatesLocal | { url: string }, stores: StoreRegistry, overrides: Parameters<typeof createSync>[2] = {}) {
  const created = createSync(states.url, stores, overrides);
  created.sync.start();
  await created.sync.waitForFirstSync(5_000);

  return created;
}

describe(StoreSync.name, () => {
  const tempDir = useTempDirs();

  describe('definitions', () => {
    it('applies the States stores and reports the local ones with their version token', async () => {
      const states = await startStates();
      const [local, remote] = [tempDir(), tempDir()];
      const token = states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', remote)]);
      const stores = createRegistry([fileStore('files', local, { HealthCheck: true, HealthCheckDelaySeconds: 30 })]);

      const { sync } = await startSynced(states, stores);

      expect(stores.names()).toEqual(['dwh', 'files']);
      expect(stores.definition('dwh')?.source).toBe('states');
      expect(basePathOf(stores, 'dwh')).toBe(remote);
      expect(sync.statesStoresVersionToken).toBe(token);
      expect(states.storeSync.localStores(environmentName)).toEqual([{ name: 'files', type: 'file', enableHealthCheck: true, healthCheckDelaySeconds: 30 }]);
    });

    it('applies a change published during the long poll', async () => {
      const states = await startStates({ pollHoldMs: 5_000 });
      const [first, second] = [tempDir(), tempDir()];
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', first)]);
      const stores = createRegistry([]);
      await startSynced(states, stores);
      await delay(200);

      const publishedAt = Date.now();
      const token = states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', second)]);

      await waitUntil(() => stores.has('dwh') && basePathOf(stores, 'dwh') === second, 'the changed store is applied');
      expect(Date.now() - publishedAt).toBeLessThan(2_000);
      expect(token).not.toBe('');
    });

    it('removes a store States no longer publishes and keeps the local ones', async () => {
      const states = await startStates();
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
      const stores = createRegistry([fileStore('files', tempDir())]);
      await startSynced(states, stores);

      states.storeSync.setStatesStores(environmentName, []);

      await waitUntil(() => !stores.has('dwh'), 'the removed store disappears');
      expect(stores.names()).toEqual(['files']);
    });

    it('renames a colliding States store to states::<name>', async () => {
      const states = await startStates();
      const [local, remote] = [tempDir(), tempDir()];
      states.storeSync.setStatesStores(environmentName, [statesFileStore('Files', remote)]);
      const stores = createRegistry([fileStore('files', local)]);

      const { entries } = await startSynced(states, stores);

      expect(stores.names()).toEqual(['files', 'states::Files']);
      expect(basePathOf(stores, 'files')).toBe(local);
      expect(basePathOf(stores, 'states::files')).toBe(remote);
      expect(entriesWith(entries, 'Store defined locally and in States; the States store is renamed')).toMatchObject([{ store: 'Files', renamedTo: 'states::Files' }]);
    });

    it('takes a States store that no longer collides back under its own name', async () => {
      const states = await startStates();
      states.storeSync.setStatesStores(environmentName, [statesFileStore('files', tempDir())]);
      const stores = createRegistry([fileStore('files', tempDir())]);
      await startSynced(states, stores);
      const remote = tempDir();

      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', remote)]);

      await waitUntil(() => stores.has('dwh'), 'the new store is applied');
      expect(stores.names()).toEqual(['dwh', 'files']);
    });

    it("keeps a snapshot's instance until its release", async () => {
      const states = await startStates();
      const [first, second] = [tempDir(), tempDir()];
      writeFileSync(join(first, 'old.csv'), 'a');
      writeFileSync(join(second, 'new.csv'), 'b');
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', first)]);
      const stores = createRegistry([]);
      await startSynced(states, stores);
      const snapshot = stores.snapshot();
      const held = snapshot.getFileStore('dwh');

      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', second)]);
      await waitUntil(() => basePathOf(stores, 'dwh') === second, 'the changed store is applied');

      expect(snapshot.getFileStore('dwh')).toBe(held);
      await expect(held.list()).resolves.toEqual(['file://dwh/old.csv']);
      await expect(stores.getFileStore('dwh').list()).resolves.toEqual(['file://dwh/new.csv']);

      await snapshot.release();
      await expect(held.list()).rejects.toThrow("Store 'dwh' is closed: cannot list files.");
    });

    it('serves an invalid States store as unavailable', async () => {
      const states = await startStates();
      states.storeSync.setStatesStores(environmentName, [{ name: 'broken', type: '' }, statesFileStore('dwh', tempDir())]);
      const stores = createRegistry([]);

      await startSynced(states, stores);

      expect(stores.names()).toEqual(['broken', 'dwh']);
      expect(stores.failures().get('broken')).toBe("invalid definition: 'Type' is missing or not a non-empty string");
      expect(() => stores.get('broken')).toThrow("Store 'broken' is unavailable");
    });
  });

  describe('long polls', () => {
    it('treats a request timeout as the normal end of a hold', async () => {
      const states = await startStates({ pollHoldMs: 3_000 });
      const stores = createRegistry([]);
      const { entries } = await startSynced(states, stores, { pollTimeoutMs: 300 });

      const endedOperations = () => new Set(entriesWith(entries, 'Store sync long poll ended without a response; polling again').map((entry) => entry.operation));
      await waitUntil(() => endedOperations().size === 2, 'a long poll of each loop times out');
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
      await waitUntil(() => stores.has('dwh'), 'the store published afterwards is applied');

      expect(entries.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
      const ends = entriesWith(entries, 'Store sync long poll ended without a response; polling again');
      expect(ends.find((entry) => entry.operation === 'DfaktoStatesSyncStores')).toMatchObject({ level: 'debug', errorCode: 'RequestTimeout' });
      expect(ends.find((entry) => entry.operation === 'DfaktoStatesGetStoreForceCheckRequests')).toMatchObject({ level: 'debug', errorCode: 'RequestTimeout' });
    });

    it('treats a gateway 504 as the normal end of a hold', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);
      const stores = createRegistry([]);
      const failures: string[] = [];
      const { entries } = await startSynced(gateway, stores, { onFailure: (operation, code) => failures.push(`${operation} ${code}`) });
      gateway.timeOut('DfaktoStatesSyncStores', 2);
      const sent = gateway.requestsOf('DfaktoStatesSyncStores').length;

      await waitUntil(() => gateway.requestsOf('DfaktoStatesSyncStores').length >= sent + 3, 'the loop polls past the two 504s');
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
      await waitUntil(() => stores.has('dwh'), 'the store published afterwards is applied');

      expect(failures).toEqual([]);
      expect(entries.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
      expect(entriesWith(entries, 'Store sync long poll ended without a response; polling again')).toHaveLength(2);
    });

    it('backs off after HTTP 500 errors and logs the streak once', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);
      states.faults.add({ operation: 'DfaktoStatesSyncStores', kind: 'internal-failure', times: 3 });
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
      const stores = createRegistry([]);
      const failures: string[] = [];

      const { entries } = await startSynced(gateway, stores, {
        backoff: new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0.99 }),
        onFailure: (operation, code) => failures.push(`${operation} ${code}`),
      });
      await waitUntil(() => stores.has('dwh'), 'the stores are applied once States recovers');

      const times = gateway.requestsOf('DfaktoStatesSyncStores').map((request) => request.at);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(95);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(195);
      expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(390);
      expect(failures).toEqual(Array(3).fill('DfaktoStatesSyncStores InternalFailure'));
      expect(entriesWith(entries, 'DfaktoStatesSyncStores failed; retrying with backoff')).toMatchObject([
        { level: 'warn', errorCode: 'InternalFailure', environmentName, retryInMs: 99 },
      ]);
      expect(entriesWith(entries, 'DfaktoStatesSyncStores failed again')).toHaveLength(2);
      expect(entriesWith(entries, 'DfaktoStatesSyncStores recovered')).toMatchObject([{ level: 'info', failures: 3 }]);
    });

    it('fails with backoff when States rejects the signature', async () => {
      const states = await startStates();
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
      const stores = createRegistry([]);
      const client = new StatesStoreClient({ baseUrl: states.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'wrong' } });

      const { entries } = await startSynced(states, stores, { client });
      await waitUntil(() => (states.counters().requests.DfaktoStatesSyncStores ?? 0) >= 3, 'the call is retried');

      expect(stores.has('dwh')).toBe(false);
      expect(entriesWith(entries, 'DfaktoStatesSyncStores failed; retrying with backoff')).toMatchObject([
        { level: 'warn', errorCode: 'UnrecognizedClientException' },
      ]);
    });

    it('stops without waiting out a held long poll', async () => {
      const states = await startStates({ pollHoldMs: 10_000 });
      const stores = createRegistry([]);
      const { sync, entries } = await startSynced(states, stores);
      sync.startStatusReports();
      await delay(200);

      const startedAt = Date.now();
      await sync.close();

      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(entriesWith(entries, 'Store sync stopped')).toHaveLength(1);
      expect(entries.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
    });
  });

  describe('force checks', () => {
    it('runs the requested health checks at once and posts the statuses', async () => {
      const states = await startStates();
      const remote = tempDir();
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', remote, true)]);
      const stores = createRegistry([fileStore('files', tempDir(), { HealthCheck: true, HealthCheckDelaySeconds: 3600 })]);
      stores.startHealthChecks();
      const { sync, entries } = await startSynced(states, stores);
      sync.startStatusReports();
      await states.storeSync.waitForStatuses(environmentName, (posted) => posted.statesStoreStatus.some((status) => status.name === 'dwh'), 5_000);

      rmSync(remote, { recursive: true });
      states.storeSync.requestForceCheck(environmentName, { statesStores: ['dwh'], workerStores: ['files'] });
      const posted = await states.storeSync.waitForStatuses(
        environmentName,
        (statuses) => statuses.statesStoreStatus.some((status) => status.name === 'dwh' && status.status === 'Error'),
        5_000,
      );

      expect(posted.statesStoreStatus.find((status) => status.name === 'dwh')?.message).toContain(`access the base directory '${remote}'`);
      expect(posted.localStoreStatus).toMatchObject([{ name: 'files', status: 'Success', message: null }]);
      expect(entriesWith(entries, 'Store force check requested')).toMatchObject([{ stores: ['dwh', 'files'], environmentName }]);
    });

    it('checks a renamed States store', async () => {
      const states = await startStates();
      const remote = tempDir();
      states.storeSync.setStatesStores(environmentName, [statesFileStore('files', remote, true)]);
      const stores = createRegistry([fileStore('files', tempDir(), { HealthCheck: true, HealthCheckDelaySeconds: 3600 })]);
      stores.startHealthChecks();
      await startSynced(states, stores);

      rmSync(remote, { recursive: true });
      states.storeSync.requestForceCheck(environmentName, { statesStores: ['files'] });
      const posted = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.statesStoreStatus.length > 0, 5_000);

      expect(posted.statesStoreStatus).toMatchObject([{ name: 'files', status: 'Error' }]);
      expect(posted.localStoreStatus).toMatchObject([{ name: 'files', status: 'Success' }]);
      expect(stores.health().get('states::files')?.state).toBe('unhealthy');
    });

    it('warns about a request for an unknown store and still posts the others', async () => {
      const states = await startStates();
      const stores = createRegistry([fileStore('files', tempDir())]);
      const { entries } = await startSynced(states, stores);

      states.storeSync.requestForceCheck(environmentName, { workerStores: ['missing'], statesStores: ['files'] });
      const posted = await states.storeSync.waitForStatuses(environmentName, undefined, 5_000);

      expect(posted.localStoreStatus).toMatchObject([{ name: 'files', status: 'Disabled' }]);
      expect(entriesWith(entries, 'Force check requested for an unknown store')).toMatchObject([
        { level: 'warn', store: 'files', source: 'states' },
        { level: 'warn', store: 'missing', source: 'local' },
      ]);
    });

    it('asks for the requests after the last continuation token', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);
      const stores = createRegistry([fileStore('files', tempDir())]);
      await startSynced(gateway, stores);

      states.storeSync.requestForceCheck(environmentName, { workerStores: ['files'] });
      await states.storeSync.waitForStatuses(environmentName, undefined, 5_000);
      await waitUntil(() => gateway.requestsOf('DfaktoStatesGetStoreForceCheckRequests').length >= 2, 'the next force-check poll is sent');

      const bodies = gateway.requestsOf('DfaktoStatesGetStoreForceCheckRequests').map((request) => JSON.parse(request.body) as Record<string, unknown>);
      expect(bodies[0]).toEqual({ continuationToken: null, environmentName });
      expect(bodies[1]).toEqual({ continuationToken: '1', environmentName });
      expect(gateway.requestsOf('DfaktoStatesPostStoreStatus')).toHaveLength(1);
    });
  });

  describe('statuses', () => {
    it('posts Success, Error and Disabled for every local and States store', async () => {
      const states = await startStates();
      const missing = join(tempDir(), 'missing');
      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir(), true), statesFileStore('archive', tempDir())]);
      const stores = createRegistry([
        fileStore('files', tempDir(), { HealthCheck: true }),
        fileStore('gone', missing, { HealthCheck: true }),
        fileStore('plain', tempDir()),
        fileStore('broken', tempDir(), { Type: 'no-such-type' }),
      ]);
      stores.startHealthChecks();
      const { sync } = await startSynced(states, stores);

      sync.startStatusReports();
      const posted = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.localStoreStatus.length === 4, 5_000);

      const date = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
      expect(posted.statesStoreStatus).toEqual([
        { name: 'archive', status: 'Disabled', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: expect.stringMatching(date), message: null },
        { name: 'dwh', status: 'Success', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: expect.stringMatching(date), message: null },
      ]);
      expect(posted.localStoreStatus).toEqual([
        { name: 'broken', status: 'Error', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: null, message: expect.stringMatching(/^The store could not be built: /) },
        { name: 'files', status: 'Success', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: expect.stringMatching(date), message: null },
        { name: 'gone', status: 'Error', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: null, message: expect.stringContaining(`access the base directory '${missing}'`) },
        { name: 'plain', status: 'Disabled', lastUpdateDate: expect.stringMatching(date), lastSuccessDate: expect.stringMatching(date), message: null },
      ]);
    });

    it('posts on each heartbeat', async () => {
      const states = await startStates();
      const gateway = await startGateway(states);
      const stores = createRegistry([fileStore('files', tempDir())]);
      const { sync } = await startSynced(gateway, stores, { statusHeartbeatMs: 200 });

      sync.startStatusReports();
      await delay(900);

      expect(gateway.requestsOf('DfaktoStatesPostStoreStatus').length).toBeGreaterThanOrEqual(3);
      expect(gateway.requestsOf('DfaktoStatesPostStoreStatus').length).toBeLessThanOrEqual(6);
    });

    it('posts soon after new definitions, without waiting for the heartbeat', async () => {
      const states = await startStates();
      const stores = createRegistry([]);
      stores.startHealthChecks();
      const { sync } = await startSynced(states, stores);
      sync.startStatusReports();
      await states.storeSync.waitForStatuses(environmentName, undefined, 5_000);

      states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir(), true)]);

      const posted = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.statesStoreStatus.length === 1, 3_000);
      expect(posted.statesStoreStatus).toMatchObject([{ name: 'dwh', status: 'Success' }]);
    });

    it('keeps the last success date of a store that starts failing', async () => {
      const states = await startStates();
      const base = tempDir();
      const stores = createRegistry([fileStore('files', base, { HealthCheck: true, HealthCheckDelaySeconds: 3600 })]);
      stores.startHealthChecks();
      const { sync } = await startSynced(states, stores);
      sync.startStatusReports();
      const first = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.localStoreStatus.length === 1, 5_000);
      const succeededAt = first.localStoreStatus[0]?.lastSuccessDate;

      rmSync(base, { recursive: true });
      states.storeSync.requestForceCheck(environmentName, { workerStores: ['files'] });
      const failed = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.localStoreStatus[0]?.status === 'Error', 5_000);

      expect(succeededAt).toEqual(expect.any(String));
      expect(failed.localStoreStatus[0]?.lastSuccessDate).toBe(succeededAt);
    });

    it('posts without a store whose first check hangs', async () => {
      const states = await startStates();
      const types = StoreTypeRegistry.withBuiltIns().register('hanging', HangingStore);
      const stores = StoreRegistry.create({
        types,
        definitions: [fileStore('files', tempDir()), normalizeStoreDefinition({ Name: 'stuck', Type: 'hanging', HealthCheck: true })],
      });
      stores.startHealthChecks();
      const { sync } = await startSynced(states, stores, { statusHeartbeatMs: 300 });

      sync.startStatusReports();
      const posted = await states.storeSync.waitForStatuses(environmentName, undefined, 5_000);
      const startedAt = Date.now();
      await sync.close();

      expect(posted.localStoreStatus.map((status) => status.name)).toEqual(['files']);
      expect(Date.now() - startedAt).toBeLessThan(500);
      await stores.close();
    });

    it('retries a failed post with backoff', async () => {
      const states = await startStates();
      states.faults.add({ operation: 'DfaktoStatesPostStoreStatus', kind: 'internal-failure', times: 2 });
      const stores = createRegistry([fileStore('files', tempDir())]);
      const { sync, entries } = await startSynced(states, stores);

      sync.startStatusReports();
      await states.storeSync.waitForStatuses(environmentName, undefined, 5_000);

      expect(entriesWith(entries, 'DfaktoStatesPostStoreStatus failed; retrying with backoff')).toHaveLength(1);
      await waitUntil(() => entriesWith(entries, 'DfaktoStatesPostStoreStatus recovered').length === 1, 'the recovery is logged');
    });
  });
});
