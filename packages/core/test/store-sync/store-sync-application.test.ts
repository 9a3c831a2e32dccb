import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { normalizeStoreDefinition, type FileStore } from '@bevault-workers/stores';
import { afterEach, describe, expect, it } from 'vitest';

import { WorkerApplication } from '../../src/application/worker-application';
import { InjectStore } from '../../src/decorators/inject-store.decorator';
import { Input } from '../../src/decorators/input.decorator';
import { StoreRef } from '../../src/decorators/store-ref.decorator';
import { Worker } from '../../src/decorators/worker.decorator';
import { ConfigurationError } from '../../src/errors/configuration-error';
import { WorkerErrorCodes } from '../../src/results/worker-error-codes';
import { createApp, startStates, waitUntil } from '../e2e/support/harness';
import { useTempDirs } from '../helpers/temp-dirs';
import { entriesWith } from '../polling/support/capture-logger';
import { cleanUp, startGateway } from './support/harness';

const environmentName = 'dev';

/** Settings that turn store sync on against the endpoint of the app. */
const storeSync = { environmentName, storeSync: { enabled: true, pollTimeoutSeconds: 5, requestTimeoutSeconds: 2 } };

/** The store instances the tasks of {@link ListFilesWorker} received, in order. */
const received: FileStore[] = [];

/** When set, the next task of {@link ListFilesWorker} waits for it before listing. */
let gate: Promise<void> | undefined;

class ListInput {
  @StoreRef('file') store!: FileStore;
}

@Worker('list_files', { concurrency: 2 })
@Input(ListInput)
class ListFilesWorker {
  async handle(input: ListInput): Promise<{ files: string[] }> {
    received.push(input.store);
    const wait = gate;
    gate = undefined;
    await wait;

    return { files: await input.store.list() };
  }
}

@Worker('list_injected')
class InjectedStoreWorker {
  constructor(@InjectStore('dwh') private readonly dwh: FileStore) {}

  async handle(): Promise<{ files: string[] }> {
    return { files: await this.dwh.list() };
  }
}

function statesFileStore(name: string, basePath: string) {
  return { name, type: 'file', enableHealthCheck: true, healthCheckDelaySeconds: 3600, config: { BasePath: basePath } };
}

afterEach(async () => {
  received.length = 0;
  gate = undefined;
  await cleanUp();
});

describe(`${WorkerApplication.name} with store sync`, () => {
  const tempDir = useTempDirs();

  function folderWith(file: string): string {
    const folder = tempDir();
    writeFileSync(join(folder, file), file);
    return folder;
  }

  it('runs the first task with the States stores', async () => {
    const states = await startStates();
    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('a.csv'))]);
    const { app } = await createApp(states, [ListFilesWorker], storeSync);
    await app.listen();

    const outcome = await states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;

    expect(outcome).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/a.csv"]}' });
  });

  it('follows States changes without a restart', async () => {
    const states = await startStates();
    const { app } = await createApp(states, [ListFilesWorker], storeSync);
    await app.listen();

    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('a.csv'))]);
    await waitUntil(() => app.stores.has('dwh'), 'the added store is applied');
    const added = await states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;

    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('b.csv'))]);
    await waitUntil(() => received[0] !== app.stores.get('dwh'), 'the changed store is applied');
    const changed = await states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;

    states.storeSync.setStatesStores(environmentName, []);
    await waitUntil(() => !app.stores.has('dwh'), 'the removed store disappears');
    const removed = await states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;

    expect(added).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/a.csv"]}' });
    expect(changed).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/b.csv"]}' });
    expect(removed).toMatchObject({ status: 'failed', error: WorkerErrorCodes.invalidInput });
    expect(removed.status === 'failed' ? removed.cause : '').toContain("- store: Store 'dwh' not found. Existing stores: none.");
  });

  it('lets a running task keep its store', async () => {
    const states = await startStates();
    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('old.csv'))]);
    const { app } = await createApp(states, [ListFilesWorker], storeSync);
    await app.listen();
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));

    const running = states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;
    await waitUntil(() => received.length === 1, 'the first task holds its store');
    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('new.csv'))]);
    await waitUntil(() => app.stores.get('dwh') !== received[0], 'the changed store is applied');
    const next = await states.enqueueTask('dev_list_files', { store: 'dwh' }).outcome;
    const held = received[0]!;
    const stillOpen = await held.list();
    release();

    expect(next).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/new.csv"]}' });
    expect(await running).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/old.csv"]}' });
    expect(stillOpen).toEqual(['file://dwh/old.csv']);
    await expect
      .poll(() => held.list().then(() => 'open', (error: Error) => error.message), { timeout: 5_000 })
      .toBe("Store 'dwh' is closed: cannot list files.");
  });

  it('accepts an injected store that only States defines and uses it', async () => {
    const states = await startStates();
    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', folderWith('a.csv'))]);
    const { app, entries } = await createApp(states, [InjectedStoreWorker], storeSync);
    await app.listen();

    const outcome = await states.enqueueTask('dev_list_injected', {}).outcome;

    expect(outcome).toEqual({ status: 'succeeded', output: '{"files":["file://dwh/a.csv"]}' });
    expect(entriesWith(entries, 'Injected stores not defined yet; expected from States store sync')).toMatchObject([{ level: 'warn', stores: ['dwh'] }]);
  });

  it('posts the status of the local and States stores once running', async () => {
    const states = await startStates();
    states.storeSync.setStatesStores(environmentName, [statesFileStore('dwh', tempDir())]);
    const missing = join(tempDir(), 'missing');
    const { app } = await createApp(states, [ListFilesWorker], storeSync, {
      stores: [
        normalizeStoreDefinition({ Name: 'files', Type: 'file', Config: { BasePath: tempDir() } }),
        normalizeStoreDefinition({ Name: 'gone', Type: 'file', Config: { BasePath: missing }, HealthCheck: true }),
      ],
    });
    await app.listen();

    const posted = await states.storeSync.waitForStatuses(environmentName, (statuses) => statuses.localStoreStatus.length === 2, 5_000);

    expect(posted.statesStoreStatus).toMatchObject([{ name: 'dwh', status: 'Success' }]);
    expect(posted.localStoreStatus).toMatchObject([
      { name: 'files', status: 'Disabled' },
      { name: 'gone', status: 'Error' },
    ]);
    expect(states.storeSync.localStores(environmentName).map((store) => store.name)).toEqual(['files', 'gone']);
  });

  it('stops store sync without waiting out long polls', async () => {
    const states = await startStates();
    const gateway = await startGateway(states);
    const { app, entries } = await createApp(states, [ListFilesWorker], {
      ...storeSync,
      storeSync: { ...storeSync.storeSync, baseUrl: gateway.url, pollTimeoutSeconds: 30 },
    });
    await app.listen();
    gateway.swallow('DfaktoStatesSyncStores');
    gateway.swallow('DfaktoStatesGetStoreForceCheckRequests');
    await waitUntil(() => gateway.requestsOf('DfaktoStatesSyncStores').length >= 2, 'a long poll hangs at the gateway');

    const startedAt = Date.now();
    await app.close();

    const messages = entries.map((entry) => entry.message);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(messages.indexOf('Store sync stopped')).toBeGreaterThan(-1);
    expect(messages.indexOf('Store sync stopped')).toBeLessThan(messages.indexOf('Shutdown started; polling stopped'));
  });

  it('rejects store sync without an environment name at create', async () => {
    const states = await startStates();

    const created = createApp(states, [ListFilesWorker], { storeSync: { enabled: true } });

    await expect(created).rejects.toThrow(ConfigurationError);
    await expect(created).rejects.toThrow(
      'Store sync is on (stepFunctions__enableStatesStoreSync) but stepFunctions__EnvironmentName is empty. Set it to the worker service environment defined in States, or turn store sync off.',
    );
  });
});
