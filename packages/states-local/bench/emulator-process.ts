import { StatesLocal } from '@bevault-workers/states-local';

import { BENCH_ACTIVITY, type FromEmulator, type ToEmulator } from './bench-messages';

/**
 * How many tasks the feeder keeps queued at once: two per poller, so a poll
 * always finds a task waiting, as under a busy execution load.
 */
const QUEUED_TASKS = 64;

/**
 * Emulator side of the CPU benchmark, run in its own process so its CPU time
 * is measured apart from the client's. It feeds empty tasks to one activity
 * and reports `process.cpuUsage()` on request.
 */
async function main(): Promise<void> {
  // A short hold lets the pollers' last polls end soon after a phase.
  const states = await StatesLocal.start({ port: 0, pollHoldMs: 1_000 });
  const activityArn = states.createActivity(BENCH_ACTIVITY);
  const send = (message: FromEmulator) => process.send?.(message);

  const feed = (tasks: number) => {
    let remaining = tasks;

    const enqueueNext = () => {
      if (remaining <= 0) {
        return;
      }

      remaining -= 1;
      void states.enqueueTask(activityArn, '{}').outcome.then(enqueueNext);
    };

    for (let slot = 0; slot < Math.min(QUEUED_TASKS, tasks); slot += 1) {
      enqueueNext();
    }
  };

  process.on('message', (message: ToEmulator) => {
    switch (message.type) {
      case 'feed':
        feed(message.tasks);
        break;

      case 'cpu':
        send({ type: 'cpu', usage: process.cpuUsage() });
        break;

      case 'stop':
        void states.stop().then(() => {
          send({ type: 'stopped' });
          process.disconnect();
        });
        break;
    }
  });

  send({ type: 'ready', url: states.url, activityArn });
}

void main();
