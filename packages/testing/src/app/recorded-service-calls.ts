import type { TaskServiceCalls } from '@bevault-workers/core';

/**
 * One SendTaskHeartbeat call of a task in the testing app.
 *
 * @public
 */
export interface HeartbeatCall {
  /** Short task id, as in the task's log entries. */
  readonly taskId: string;
  /** Number of this heartbeat, from 1. */
  readonly count: number;
}

/**
 * Called for each SendTaskHeartbeat of a task. A rejection acts as the
 * service's error: an error whose `name` is `TaskTimedOut`,
 * `TaskDoesNotExist` or `InvalidToken` ends the task, any other one is
 * retried like a network error.
 *
 * @public
 */
export type HeartbeatHook = (heartbeat: HeartbeatCall) => void | Promise<void>;

/** The answer a task sent. */
export type SentAnswer = { readonly kind: 'success'; readonly output: string } | { readonly kind: 'failure'; readonly error: string; readonly cause: string };

/**
 * An error as the AWS SDK raises it for a rejected call: `name` is the
 * service's error code and `$fault` marks the client as at fault.
 *
 * @internal
 */
export class SimulatedServiceError extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };

  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/**
 * The service side of one task in the testing app: records the answer and
 * the heartbeats, and rejects every call once the task is over, as Step
 * Functions does.
 *
 * @internal
 */
export class RecordedServiceCalls implements TaskServiceCalls {
  private sent: SentAnswer | undefined;
  private heartbeatCount = 0;
  private over: SimulatedServiceError | undefined;

  constructor(
    private readonly taskId: string,
    private readonly hook: HeartbeatHook | undefined,
  ) {}

  /** The answer sent, if any. */
  get answer(): SentAnswer | undefined {
    return this.sent;
  }

  /** Number of SendTaskHeartbeat calls so far, rejected ones included. */
  get heartbeats(): number {
    return this.heartbeatCount;
  }

  /** Ends the task at the service: every later call rejects with `code`. */
  endTask(code: string): void {
    this.over ??= new SimulatedServiceError(code, `Task Timed Out: the task was ended by the test (${code}).`);
  }

  async sendTaskSuccess(_taskToken: string, output: string): Promise<void> {
    this.rejectIfOver();
    this.sent = { kind: 'success', output };
    this.endTask('TaskTimedOut');
  }

  async sendTaskFailure(_taskToken: string, error: string, cause: string): Promise<void> {
    this.rejectIfOver();
    this.sent = { kind: 'failure', error, cause };
    this.endTask('TaskTimedOut');
  }

  async sendTaskHeartbeat(): Promise<void> {
    this.heartbeatCount += 1;
    this.rejectIfOver();
    await this.hook?.({ taskId: this.taskId, count: this.heartbeatCount });
  }

  private rejectIfOver(): void {
    if (this.over !== undefined) {
      throw this.over;
    }
  }
}
