import 'reflect-metadata';
import { describe, expect, it } from 'vitest';

import { Worker, activityNameFor, readWorkerDefinition, resolveWorkerSettings, type WorkerOptions } from '../../src/index';
import { testConfig } from '../helpers/runtime-config';

function definitionWith(options: WorkerOptions) {
  @Worker('settings_worker', options)
  class SettingsWorker {
    handle(): void {}
  }

  return readWorkerDefinition(SettingsWorker);
}

const heartbeatRange = 'Expected a number of seconds from 0.001 to 2147483 (about 24.8 days, the longest timer Node.js supports), such as 10.';

describe(resolveWorkerSettings.name, () => {
  const config = testConfig({ defaultConcurrency: 3, defaultHeartbeatSeconds: 7, defaultMaxPollers: 2 });

  it('takes the configured defaults', () => {
    expect(resolveWorkerSettings(definitionWith({}), config)).toEqual({ concurrency: 3, heartbeatMs: 7000, maxPollers: 2 });
  });

  it('lets each worker option override its default', () => {
    expect(resolveWorkerSettings(definitionWith({ concurrency: 8, heartbeatSeconds: 0.25, maxPollers: 1 }), config)).toEqual({
      concurrency: 8,
      heartbeatMs: 250,
      maxPollers: 1,
    });
  });

  it('accepts a heartbeat of 2147483 seconds', () => {
    expect(resolveWorkerSettings(definitionWith({ heartbeatSeconds: 2_147_483 }), config).heartbeatMs).toBe(2_147_483_000);
  });

  it.each([
    [{ concurrency: 0 }, 'Invalid @Worker option concurrency of worker \'settings_worker\' (class SettingsWorker): 0. Expected a positive integer, such as 4.'],
    [{ concurrency: 1.5 }, 'Invalid @Worker option concurrency of worker \'settings_worker\' (class SettingsWorker): 1.5. Expected a positive integer, such as 4.'],
    [{ maxPollers: -1 }, 'Invalid @Worker option maxPollers of worker \'settings_worker\' (class SettingsWorker): -1. Expected a positive integer, such as 4.'],
    [
      { heartbeatSeconds: 0 },
      `Invalid @Worker option heartbeatSeconds of worker 'settings_worker' (class SettingsWorker): 0. ${heartbeatRange}`,
    ],
    [{ heartbeatSeconds: '10' as unknown as number }, `Invalid @Worker option heartbeatSeconds of worker 'settings_worker' (class SettingsWorker): 10. ${heartbeatRange}`],
    [{ heartbeatSeconds: 0.0001 }, `Invalid @Worker option heartbeatSeconds of worker 'settings_worker' (class SettingsWorker): 0.0001. ${heartbeatRange}`],
    [{ heartbeatSeconds: 3_000_000 }, `Invalid @Worker option heartbeatSeconds of worker 'settings_worker' (class SettingsWorker): 3000000. ${heartbeatRange}`],
  ])('rejects %j with a TypeError', (options, message) => {
    expect(() => resolveWorkerSettings(definitionWith(options), config)).toThrow(new TypeError(message));
  });
});

describe(activityNameFor.name, () => {
  it('joins the environment name and the worker name with the separator', () => {
    expect(activityNameFor('csv_import', { environmentName: 'dev', activityNameSeparator: '_' })).toBe('dev_csv_import');
    expect(activityNameFor('csv_import', { environmentName: 'dev', activityNameSeparator: '-' })).toBe('dev-csv_import');
  });

  it('uses the worker name alone without an environment name', () => {
    expect(activityNameFor('csv_import', { environmentName: '', activityNameSeparator: '_' })).toBe('csv_import');
  });

  it('rejects a prefixed name over 80 characters', () => {
    const workerName = 'w'.repeat(78);
    expect(() => activityNameFor(workerName, { environmentName: 'dev', activityNameSeparator: '_' })).toThrow(
      new TypeError(
        `Activity name "dev_${workerName}" of worker '${workerName}' is invalid: an activity name is 1 to 80 characters without white space, ` +
          'brackets, wildcards, control characters or any of " # % \\ ^ | ~ ` $ & , ; : /. Shorten the worker name or stepFunctions__EnvironmentName.',
      ),
    );
  });
});
