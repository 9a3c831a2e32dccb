import {
  CreateActivityCommand,
  GetActivityTaskCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';

import type { ActivityApi, ActivityTask } from './activity-api';

/**
 * Request timeouts of the activity calls, in milliseconds.
 *
 * @internal
 */
export interface ActivityApiTimeouts {
  /** GetActivityTask; must exceed the service's 60 s hold. */
  readonly pollRequestTimeoutMs: number;
  /** Every other call. */
  readonly requestTimeoutMs: number;
}

/**
 * {@link ActivityApi} over one shared `SFNClient`. Each call gets its own
 * request timeout: the long one for GetActivityTask, the short one for the rest.
 *
 * @internal
 */
export class SfnActivityApi implements ActivityApi {
  constructor(
    private readonly client: SFNClient,
    private readonly timeouts: ActivityApiTimeouts,
  ) {}

  async createActivity(name: string, signal?: AbortSignal): Promise<string> {
    const reply = await this.client.send(new CreateActivityCommand({ name }), this.shortCall(signal));

    if (reply.activityArn === undefined) {
      throw new Error(`CreateActivity returned no activityArn for activity "${name}".`);
    }

    return reply.activityArn;
  }

  async getActivityTask(activityArn: string, workerName: string, signal?: AbortSignal): Promise<ActivityTask | undefined> {
    const reply = await this.client.send(new GetActivityTaskCommand({ activityArn, workerName }), {
      requestTimeout: this.timeouts.pollRequestTimeoutMs,
      abortSignal: signal,
    });

    // An absent, null or empty token is the service's "no task during the hold".
    if (typeof reply.taskToken !== 'string' || reply.taskToken === '') {
      return undefined;
    }

    return { taskToken: reply.taskToken, input: reply.input ?? '{}' };
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    await this.client.send(new SendTaskSuccessCommand({ taskToken, output }), this.shortCall());
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    await this.client.send(new SendTaskFailureCommand({ taskToken, error, cause }), this.shortCall());
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    await this.client.send(new SendTaskHeartbeatCommand({ taskToken }), this.shortCall());
  }

  private shortCall(signal?: AbortSignal): { requestTimeout: number; abortSignal?: AbortSignal } {
    return { requestTimeout: this.timeouts.requestTimeoutMs, abortSignal: signal };
  }
}
