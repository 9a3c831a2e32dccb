import { StatesLocal, type StatesLocalOptions } from '@bevault-workers/states-local';

import { WorkerApplication } from '../../../src/application/worker-application';
import type { WorkerApplicationOptions } from '../../../src/application/worker-application-options';
import type { WorkerConfigOptions } from '../../../src/config/worker-config-options';
import type { Constructor } from '../../../src/workers/constructor';
import { captureLogger, type CapturedEntry } from '../../polling/support/capture-logger';

/** Static credentials the test endpoints verify signatures against. */
export const testCredentials = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret-value' };

const openApps: WorkerApplication[] = [];
const openEndpoints: StatesLocal[] = [];

/** Starts Local States with a short poll hold; stopped by {@link cleanUp}. */
export async function startStates(options: StatesLocalOptions = {}): Promise<StatesLocal> {
  const states = await StatesLocal.start({ pollHoldMs: 1_000, credentials: testCredentials, ...options });
  openEndpoints.push(states);

  return states;
}

/** Creates an application against `states` with test-sized timings; closed by {@link cleanUp}. */
export async function createApp(
  states: StatesLocal | { url: string },
  workers: readonly Constructor[],
  config: WorkerConfigOptions = {},
  options: Partial<WorkerApplicationOptions> = {},
): Promise<{ app: WorkerApplication; entries: CapturedEntry[] }> {
  const { logger, entries } = captureLogger();
  const app = await WorkerApplication.create({
    workers,
    env: {},
    envFile: false,
    stores: [],
    logger,
    handleSignals: false,
    ...options,
    config: {
      serviceUrl: states.url,
      region: 'us-east-1',
      credentials: testCredentials,
      shutdownGraceSeconds: 2,
      requestTimeoutSeconds: 2,
      pollRequestTimeoutSeconds: 10,
      ...config,
    },
  });
  openApps.push(app);

  return { app, entries };
}

/** Closes every application and endpoint the test opened. */
export async function cleanUp(): Promise<void> {
  await Promise.all(openApps.splice(0).map((app) => app.close({ immediate: true })));
  await Promise.all(openEndpoints.splice(0).map((states) => states.stop()));
}

/** Polls `predicate` every 10 ms until it holds; throws with `description` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, description: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${description}.`);
    }

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
