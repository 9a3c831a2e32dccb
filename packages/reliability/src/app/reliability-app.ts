import 'reflect-metadata';

import { WorkerApplication } from '@bevault-workers/core';

import { startMemorySampling } from '../metrics/memory-sample';
import { monitorUncaughtErrors } from './uncaught-monitor';
import { reliabilityWorkers } from './workers';

/** Environment variable: interval of the memory samples, in milliseconds; unset for none. */
export const memorySampleVariable = 'RELIABILITY_MEMORY_SAMPLE_MS';

/**
 * Runs the suite's worker application in its own process, configured only
 * through the environment (`stepFunctions__*`, `STORE_CONFIG`, `LOG_FORMAT`,
 * `LOG_LEVEL`), as a deployed worker is. It handles SIGINT and SIGTERM itself.
 */
async function main(): Promise<void> {
  monitorUncaughtErrors();

  const sampleMs = Number(process.env[memorySampleVariable] ?? 0);
  if (sampleMs > 0) {
    startMemorySampling(sampleMs);
  }

  const app = await WorkerApplication.create({ workers: reliabilityWorkers, envFile: false });
  await app.start();
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`Worker application stopped: ${text}\n`);
  process.exitCode = 1;
});
