import { Agent } from 'node:http';

import StepFunctionWorker from 'step-function-worker';

import { BENCH_CREDENTIALS, BENCH_REGION, BENCH_REQUEST_TIMEOUT_MS, benchMaxSockets } from './endpoint';
import { runBehavior, type TaskBehavior, type TaskGate } from './task-behavior';

/** Options of a {@link StepFunctionWorkerClient}. */
export interface StepFunctionWorkerClientOptions {
  readonly url: string;
  /** Activity names; one worker each, the activity created by the runner first. */
  readonly activityArns: readonly string[];
  /** Poolers per worker (its `concurrency` option). */
  readonly concurrency: number;
  readonly behavior: TaskBehavior;
  readonly gate: TaskGate;
  /** Interval of the heartbeats a running task sends, in milliseconds; none when unset. */
  readonly heartbeatMs?: number;
}

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The npm package step-function-worker 2.1, configured like the other
 * clients: its aws-sdk v2 client points at Local States with static
 * credentials, no SDK retry, the same request timeout and a keep-alive agent
 * of the same size. It creates no activity, so it takes activity ARNs.
 */
export class StepFunctionWorkerClient {
  private readonly agent: Agent;
  private workers: StepFunctionWorker[] = [];
  /** Errors the workers emitted (failed polls or answers). */
  errors = 0;

  constructor(private readonly options: StepFunctionWorkerClientOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: benchMaxSockets(options.concurrency * options.activityArns.length) });
  }

  /** Starts one worker per activity and resolves once each is polling. */
  async start(): Promise<void> {
    const { options } = this;

    this.workers = options.activityArns.map(
      (activityArn) =>
        new StepFunctionWorker({
          activityArn,
          workerName: 'sfw',
          concurrency: options.concurrency,
          logger: silentLogger,
          fn: (_input, callback, heartbeat) => this.runTask(callback, heartbeat),
          awsConfig: {
            region: BENCH_REGION,
            endpoint: options.url,
            accessKeyId: BENCH_CREDENTIALS.accessKeyId,
            secretAccessKey: BENCH_CREDENTIALS.secretAccessKey,
            maxRetries: 0,
            httpOptions: { agent: this.agent, timeout: BENCH_REQUEST_TIMEOUT_MS },
          },
        }),
    );

    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.on('error', () => {
              this.errors += 1;
            });
            worker.once('ready', () => resolve());
          }),
      ),
    );
  }

  /**
   * Stops polling without waiting: step-function-worker closes its poolers one
   * after the other, each once its poll in flight returns, which takes
   * concurrency x the poll hold time. The client process exits right after.
   */
  async stop(): Promise<void> {
    for (const worker of this.workers) {
      worker.close(() => undefined);
    }

    this.agent.destroy();
  }

  private runTask(callback: (error: unknown, output?: unknown) => void, heartbeat: () => void): void {
    const running = runBehavior(this.options.behavior, this.options.gate);

    if (running === undefined) {
      callback(null, {});
      return;
    }

    const timer = this.options.heartbeatMs === undefined ? undefined : setInterval(heartbeat, this.options.heartbeatMs);

    void running.then(() => {
      clearInterval(timer);
      callback(null, {});
    });
  }
}
