import { execFileSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerApplication } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';
import { parseStoreDefinitions } from '@bevault-workers/stores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airportsCsvPath } from '../src/bootstrap/airports-dataset';
import { renderStateMachineDefinition } from '../src/state-machine/state-machine-definition';
import { exampleWorkers } from '../src/workers';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('airports state machine', () => {
  let directory: string;
  let states: StatesLocal;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bvw-retry-'));
    mkdirSync(join(directory, 'landing'));
    states = await StatesLocal.start({ pollHoldMs: 500 });
  });

  afterEach(async () => {
    await states.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('retries a task cut by a worker shutdown on another worker', async () => {
    const stores = parseStoreDefinitions([
      { Name: 'warehouse', Type: 'sqlite', Config: { Path: join(directory, 'warehouse.sqlite') } },
      { Name: 'landing', Type: 'file', Config: { BasePath: join(directory, 'landing') } },
      { Name: 'exports', Type: 'file', Config: { BasePath: join(directory, 'exports') } },
    ]);
    // A named pipe keeps the first load waiting for rows, so that the shutdown finds it running.
    const pipePath = join(directory, 'landing', 'airports.csv');
    execFileSync('mkfifo', [pipePath]);
    const create = (): Promise<WorkerApplication> =>
      WorkerApplication.create({
        workers: exampleWorkers,
        env: { LOG_LEVEL: 'error' },
        envFile: false,
        handleSignals: false,
        config: { serviceUrl: states.url, credentials, shutdownGraceSeconds: 0 },
        stores,
      });

    const first = await create();
    await first.listen();
    const definition = renderStateMachineDefinition(Object.fromEntries(first.activityArns));
    const stateMachineArn = await states.createStateMachine('airports-per-state', definition);
    const executionArn = states.startExecution(stateMachineArn, { airportsFile: 'file://landing/airports.csv', warehouse: 'warehouse', exports: 'exports', top: 3, compress: false });

    const writer = createWriteStream(pipePath);
    writer.write('iata,name,city,state,country,latitude,longitude\n00M,Thigpen,Bay Springs,MS,USA,31.95376472,-89.23450472\n');
    await waitFor(() => first.counters().csv_to_table?.tasksStarted === 1, 10_000);

    await first.close();
    writer.end();
    rmSync(pipePath);
    copyFileSync(airportsCsvPath(), pipePath);

    const second = await create();
    await second.listen();
    const description = await states.awaitExecution(executionArn, 30_000);
    await second.close();

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output!)).toMatchObject({ rowsLoaded: 3376, states: [{ state: 'AK' }, { state: 'TX' }, { state: 'CA' }] });
    const failures = states.executionHistory(executionArn).filter((event) => event.type === 'ActivityFailed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ activityFailedEventDetails: { error: 'Worker.ShuttingDown' } });
  });
});
