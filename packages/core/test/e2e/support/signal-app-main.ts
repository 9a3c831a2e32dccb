import { WorkerApplication } from '../../../src/application/worker-application';
import { Worker } from '../../../src/decorators/worker.decorator';

@Worker('signal_slow', { concurrency: 2, maxPollers: 2 })
class SignalSlowWorker {
  async handle(input: { ms: number }): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, input.ms));
    return 'done';
  }
}

@Worker('signal_stubborn', { concurrency: 1 })
class SignalStubbornWorker {
  /** Ignores its signal and never settles. */
  handle(): Promise<never> {
    return new Promise<never>(() => undefined);
  }
}

async function main(): Promise<void> {
  const app = await WorkerApplication.create({
    workers: [SignalSlowWorker, SignalStubbornWorker],
    env: {},
    envFile: false,
    stores: [],
    config: {
      serviceUrl: process.env.STATES_URL,
      region: 'us-east-1',
      credentials: { accessKeyId: String(process.env.STATES_KEY), secretAccessKey: String(process.env.STATES_SECRET) },
      shutdownGraceSeconds: Number(process.env.GRACE_SECONDS),
      requestTimeoutSeconds: 2,
      logFormat: 'json',
      logLevel: 'info',
    },
  });

  await app.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
