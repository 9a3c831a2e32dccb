import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runExample } from '../src/run-example';

const credentials = { accessKeyId: 'AKIDEXAMPLEOPS', secretAccessKey: 'example-operations-secret' };

describe('example app operations settings', () => {
  let directory: string;
  let states: StatesLocal | undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'bvw-example-ops-'));
  });

  afterEach(async () => {
    await states?.stop();
    states = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  it('turns on store sync and the health server from its .env', async () => {
    states = await StatesLocal.start({ pollHoldMs: 1_000, credentials });
    const sharedFolder = join(directory, 'shared');
    mkdirSync(sharedFolder);
    states.storeSync.setStatesStores('dev', [
      { name: 'shared', type: 'file', enableHealthCheck: true, healthCheckDelaySeconds: 60, config: { BasePath: sharedFolder } },
    ]);
    writeFileSync(
      join(directory, '.env'),
      [
        `stepFunctions__serviceUrl=${states.url}`,
        `stepFunctions__authenticationKey=${credentials.accessKeyId}`,
        `stepFunctions__authenticationSecret=${credentials.secretAccessKey}`,
        'stepFunctions__EnvironmentName=dev',
        'stepFunctions__enableStatesStoreSync=true',
        'httpServer__port=0',
        'httpServer__host=127.0.0.1',
        'LOG_LEVEL=warn',
      ].join('\n'),
    );
    const lines: string[] = [];
    const probes: Array<Promise<[number, string]>> = [];

    const result = await runExample({
      argv: ['--run'],
      cwd: directory,
      // The example reads these two from the environment it is given, not from .env.
      env: { AWS_EC2_METADATA_DISABLED: 'true', EXAMPLE_DATA_DIR: join(directory, 'data'), stepFunctions__roleArn: 'arn:aws:iam::123456789012:role/example' },
      handleSignals: false,
      writeLine: (line) => {
        lines.push(line);
        const url = /^Health and metrics: (\S+)\/healthz/.exec(line)?.[1];
        if (url !== undefined) {
          probes.push(...['/readyz', '/metrics'].map((path) => fetch(`${url}${path}`).then(async (response): Promise<[number, string]> => [response.status, await response.text()])));
        }
      },
      writeError: (line) => lines.push(line),
    });
    const [[readyStatus, readyBody], [metricsStatus, metrics]] = await Promise.all(probes);
    const posted = await states.storeSync.waitForStatuses('dev', (statuses) => statuses.statesStoreStatus.length > 0, 5_000);

    expect(result.exitCode).toBe(0);
    expect(readyStatus).toBe(200);
    expect(JSON.parse(readyBody)).toEqual({ status: 'ready', ready: true, state: 'running' });
    expect(metricsStatus).toBe(200);
    expect(metrics).toContain('bevault_worker_slots{worker="csv_to_table"}');
    expect(states.storeSync.localStores('dev').map((store) => store.name)).toEqual(['exports', 'landing', 'warehouse']);
    expect(posted.statesStoreStatus).toMatchObject([{ name: 'shared', status: 'Success' }]);
    expect(posted.localStoreStatus.map((status) => status.name).sort()).toEqual(['exports', 'landing', 'warehouse']);
  });
});
