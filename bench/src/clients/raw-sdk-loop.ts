import { Agent } from 'node:http';

import { CreateActivityCommand, GetActivityTaskCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { BENCH_CREDENTIALS, BENCH_REGION, BENCH_REQUEST_TIMEOUT_MS, benchMaxSockets } from './endpoint';
import { runBehavior, type TaskBehavior, type TaskGate } from './task-behavior';

/** Options of a {@link RawSdkLoop}. */
export interface RawSdkLoopOptions {
  readonly url: string;
  readonly activityNames: readonly string[];
  /** Loops per activity, each polling and running one task at a time. */
  readonly concurrency: number;
  readonly behavior: TaskBehavior;
  readonly gate: TaskGate;
  /** Interval of the heartbeats a running task sends, in milliseconds; none when unset. */
  readonly heartbeatMs?: number;
}

/**
 * The hand-written baseline: `concurrency` loops per activity on
 * `@aws-sdk/client-sfn`, each sending GetActivityTask, parsing the input,
 * running the task and answering SendTaskSuccess, with no validation,
 * logging or retry. It is the ceiling a framework on the same SDK can approach.
 */
export class RawSdkLoop {
  private readonly agent: Agent;
  private readonly client: SFNClient;
  private loops: Promise<void>[] = [];
  private stopped = false;
  /** SendTaskHeartbeat calls that failed. */
  heartbeatErrors = 0;

  constructor(private readonly options: RawSdkLoopOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: benchMaxSockets(options.concurrency * options.activityNames.length) });
    this.client = new SFNClient({
      region: BENCH_REGION,
      endpoint: options.url,
      credentials: BENCH_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpAgent: this.agent, requestTimeout: BENCH_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true }),
    });
  }

  /** Creates the activities and starts the loops. */
  async start(): Promise<void> {
    for (const name of this.options.activityNames) {
      const { activityArn } = await this.client.send(new CreateActivityCommand({ name }));

      if (activityArn === undefined) {
        throw new Error(`CreateActivity returned no ARN for activity ${name}.`);
      }

      for (let index = 0; index < this.options.concurrency; index += 1) {
        this.loops.push(this.runLoop(activityArn, `raw-${index}`));
      }
    }
  }

  /**
   * Stops at once: destroys the client and its sockets, which aborts the
   * polls in flight. The benchmark stops a client only once its tasks ended.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.client.destroy();
    this.agent.destroy();
    await Promise.all(this.loops);
  }

  private async runLoop(activityArn: string, workerName: string): Promise<void> {
    try {
      await this.pollUntilStopped(activityArn, workerName);
    } catch (error) {
      // A poll aborted by stop() is expected; anything else is not.
      if (!this.stopped) {
        throw error;
      }
    }
  }

  private async pollUntilStopped(activityArn: string, workerName: string): Promise<void> {
    while (!this.stopped) {
      const task = await this.client.send(new GetActivityTaskCommand({ activityArn, workerName }));

      // An empty poll: the hold ended without a task.
      if (task.taskToken === undefined || task.taskToken === '') {
        continue;
      }

      JSON.parse(task.input ?? '{}');

      const running = runBehavior(this.options.behavior, this.options.gate);

      if (running !== undefined) {
        await this.withHeartbeats(task.taskToken, running);
      }

      await this.client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
    }
  }

  /** Sends a heartbeat every `heartbeatMs` until `running` settles. */
  private async withHeartbeats(taskToken: string, running: Promise<unknown>): Promise<void> {
    const { heartbeatMs } = this.options;

    if (heartbeatMs === undefined) {
      await running;
      return;
    }

    const beat = () => {
      this.client.send(new SendTaskHeartbeatCommand({ taskToken })).catch(() => {
        this.heartbeatErrors += 1;
      });
    };
    const timer = setInterval(beat, heartbeatMs);

    try {
      await running;
    } finally {
      clearInterval(timer);
    }
  }
}
