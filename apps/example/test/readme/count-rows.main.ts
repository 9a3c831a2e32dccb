import { WorkerApplication } from '@bevault-workers/core';
import { CountRowsWorker } from './count-rows.worker';

async function main(): Promise<void> {
  const app = await WorkerApplication.create({ workers: [CountRowsWorker] });
  await app.start(); // registers the activity, polls until SIGINT or SIGTERM, then drains
}

main().catch((error: unknown) => {
  // A configuration error ends up here; its message names the variable to fix.
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
