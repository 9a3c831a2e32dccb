import { Worker, WorkerApplication, type Constructor, type TaskContext } from '@bevault-workers/core';

import { BENCH_CREDENTIALS, BENCH_REGION } from './endpoint';
import { runBehavior, type TaskBehavior, type TaskGate } from './task-behavior';

/** Options of a {@link FrameworkClient}. */
export interface FrameworkClientOptions {
  readonly url: string;
  /** Prefix of every activity name, so that each run polls activities of its own. */
  readonly environmentName: string;
  /** One `@Worker` class per name. */
  readonly workerNames: readonly string[];
  /** Concurrency of each worker; each also gets this many pollers, as the baseline loops. */
  readonly concurrency: number;
  readonly behavior: TaskBehavior;
  readonly gate: TaskGate;
  /** Seconds between heartbeats. @default the framework's default (5) */
  readonly heartbeatSeconds?: number;
  /** Pollers per worker. @default concurrency */
  readonly maxPollers?: number;
  /** @default 'info', which logs one line per task */
  readonly logLevel?: 'info' | 'warn';
}

/**
 * This framework, configured as a user would: one `@Worker` class per
 * activity, logging at info (one line per task) as JSON lines to stdout,
 * which the runner sends to /dev/null, everything else at its defaults.
 */
export class FrameworkClient {
  private application: WorkerApplication | undefined;

  constructor(private readonly options: FrameworkClientOptions) {}

  /** Creates the application and resolves once every worker polls. */
  async start(): Promise<void> {
    const { options } = this;
    const workers = options.workerNames.map((name) => benchWorkerClass(name, options.behavior, options.gate));

    this.application = await WorkerApplication.create({
      workers,
      stores: [],
      env: {},
      envFile: false,
      handleSignals: false,
      config: {
        serviceUrl: options.url,
        region: BENCH_REGION,
        credentials: BENCH_CREDENTIALS,
        environmentName: options.environmentName,
        defaultConcurrency: options.concurrency,
        defaultMaxPollers: options.maxPollers ?? options.concurrency,
        defaultHeartbeatSeconds: options.heartbeatSeconds,
        loggingConfigPath: false,
        logLevel: options.logLevel ?? 'info',
        logFormat: 'json',
      },
    });

    await this.application.listen();
  }

  /**
   * Shuts the application down at once, aborting the polls in flight rather
   * than waiting out their hold; the benchmark stops a client only once its
   * tasks ended.
   */
  async stop(): Promise<void> {
    await this.application?.close({ immediate: true });
  }
}

/** Builds a `@Worker` class named `name` whose tasks run `behavior`. */
function benchWorkerClass(name: string, behavior: TaskBehavior, gate: TaskGate): Constructor {
  @Worker(name)
  class BenchWorker {
    handle(_input: unknown, task: TaskContext): object | Promise<object> {
      const running = runBehavior(behavior, gate, task.signal);

      return running === undefined ? {} : running.then(() => ({}));
    }
  }

  return BenchWorker;
}
