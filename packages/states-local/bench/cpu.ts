import { fork, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { GetActivityTaskCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

import type { FromEmulator, ToEmulator } from './bench-messages';

/**
 * CPU benchmark of Local States: `pollers` raw SDK loops (GetActivityTask,
 * then SendTaskSuccess with `{}`) against an emulator in another process.
 * It reports the CPU time per task of each process and exits with code 1
 * when the emulator spends more per task than the client.
 *
 * Usage: node dist/bench/cpu.js [--tasks 10000] [--pollers 32] [--warmup 2000]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '10000' },
      pollers: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '2000' },
    },
  });
  const tasks = Number(values.tasks);
  const pollers = Number(values.pollers);
  const warmup = Number(values.warmup);

  const emulator = fork(join(__dirname, 'emulator-process.js'), { stdio: 'inherit' });
  const ready = await nextMessage(emulator, 'ready');
  const client = new SFNClient({
    endpoint: ready.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: pollers * 2 }), requestTimeout: 120_000 },
  });

  await runTasks(client, emulator, ready.activityArn, pollers, warmup).drained;

  const emulatorBefore = await emulatorCpu(emulator);
  const clientBefore = process.cpuUsage();
  const startedAt = performance.now();

  const measured = runTasks(client, emulator, ready.activityArn, pollers, tasks);
  await measured.answered;

  const elapsedMs = performance.now() - startedAt;
  const clientUsage = process.cpuUsage(clientBefore);
  const emulatorAfter = await emulatorCpu(emulator);

  await measured.drained;
  emulator.send({ type: 'stop' } satisfies ToEmulator);
  await nextMessage(emulator, 'stopped');
  client.destroy();

  const emulatorMicros = emulatorAfter.user + emulatorAfter.system - emulatorBefore.user - emulatorBefore.system;
  const clientMicros = clientUsage.user + clientUsage.system;
  const result = {
    tasks,
    pollers,
    elapsedMs: Math.round(elapsedMs),
    tasksPerSecond: Math.round((tasks / elapsedMs) * 1000),
    emulatorCpuMicrosPerTask: round(emulatorMicros / tasks),
    clientCpuMicrosPerTask: round(clientMicros / tasks),
    emulatorToClientRatio: round(emulatorMicros / clientMicros),
    node: process.version,
  };

  console.log(JSON.stringify(result, null, 2));

  if (emulatorMicros >= clientMicros) {
    console.error('Local States spent more CPU per task than the client: it would be the bottleneck.');
    process.exitCode = 1;
  }
}

/** One phase of the benchmark: `answered` resolves once every task is completed, `drained` once every poller has stopped. */
interface Phase {
  answered: Promise<void>;
  drained: Promise<void>;
}

/**
 * Feeds exactly `tasks` empty tasks and runs `pollers` loops that complete
 * them. Once all are completed the loops stop; their last polls end empty
 * after the emulator's hold time, because no task is left to take.
 */
function runTasks(client: SFNClient, emulator: ChildProcess, activityArn: string, pollers: number, tasks: number): Phase {
  let answeredCount = 0;
  let markAnswered!: () => void;
  const answered = new Promise<void>((resolve) => {
    markAnswered = resolve;
  });

  emulator.send({ type: 'feed', tasks } satisfies ToEmulator);

  const poll = async () => {
    while (answeredCount < tasks) {
      const task = await client.send(new GetActivityTaskCommand({ activityArn, workerName: 'bench' }));

      if (task.taskToken === undefined) {
        continue;
      }

      await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
      answeredCount += 1;

      if (answeredCount === tasks) {
        markAnswered();
      }
    }
  };

  const drained = Promise.all(Array.from({ length: pollers }, poll)).then(() => undefined);

  return { answered, drained };
}

async function emulatorCpu(emulator: ChildProcess): Promise<NodeJS.CpuUsage> {
  emulator.send({ type: 'cpu' } satisfies ToEmulator);

  return (await nextMessage(emulator, 'cpu')).usage;
}

function nextMessage<T extends FromEmulator['type']>(emulator: ChildProcess, type: T): Promise<Extract<FromEmulator, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromEmulator) => {
      if (message.type === type) {
        emulator.off('message', onMessage);
        emulator.off('exit', onExit);
        resolve(message as Extract<FromEmulator, { type: T }>);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`The emulator process exited with code ${code} before sending '${type}'.`));

    emulator.on('message', onMessage);
    emulator.once('exit', onExit);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  console.error('CPU benchmark failed:', error);
  process.exitCode = 1;
});
