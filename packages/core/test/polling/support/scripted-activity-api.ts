import type { ActivityApi, ActivityTask } from '../../../src/client/activity-api';

/** A GetActivityTask call the test has not answered yet. */
export interface PendingPoll {
  readonly activityArn: string;
  readonly signal: AbortSignal | undefined;
  resolve(task: ActivityTask | undefined): void;
  reject(error: unknown): void;
}

/** Builds an error shaped like an SDK service exception. */
export function serviceError(name: string, httpStatusCode = 400, fault: 'client' | 'server' = 'client'): Error {
  return Object.assign(new Error(`${name} from the scripted endpoint`), { name, $fault: fault, $metadata: { httpStatusCode } });
}

/**
 * ActivityApi whose GetActivityTask calls stay pending until the test answers
 * them, and whose other calls run the functions the test sets.
 */
export class ScriptedActivityApi implements ActivityApi {
  readonly pendingPolls: PendingPoll[] = [];
  readonly calls: Array<{ operation: string; taskToken?: string; output?: string; error?: string; cause?: string }> = [];
  private readonly detachers = new Map<PendingPoll, () => void>();
  pollsSent = 0;
  pollsInFlight = 0;
  maxPollsInFlight = 0;

  onCreateActivity: (name: string) => Promise<string> = async (name) => `arn:aws:states:us-east-1:123456789012:activity:${name}`;
  onSendTaskSuccess: (taskToken: string, output: string) => Promise<void> = async () => undefined;
  onSendTaskFailure: (taskToken: string, error: string, cause: string) => Promise<void> = async () => undefined;
  onSendTaskHeartbeat: (taskToken: string) => Promise<void> = async () => undefined;

  async createActivity(name: string): Promise<string> {
    this.calls.push({ operation: 'CreateActivity' });
    return this.onCreateActivity(name);
  }

  getActivityTask(activityArn: string, _workerName: string, signal?: AbortSignal): Promise<ActivityTask | undefined> {
    this.pollsSent += 1;
    this.pollsInFlight += 1;
    this.maxPollsInFlight = Math.max(this.maxPollsInFlight, this.pollsInFlight);

    return new Promise((resolve, reject) => {
      const onAbort = (): void => poll.reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      const poll: PendingPoll = {
        activityArn,
        signal,
        resolve: (task) => this.settle(poll, () => resolve(task)),
        reject: (error) => this.settle(poll, () => reject(error)),
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      this.pendingPolls.push(poll);
      this.detachers.set(poll, () => signal?.removeEventListener('abort', onAbort));
    });
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    this.calls.push({ operation: 'SendTaskSuccess', taskToken, output });
    return this.onSendTaskSuccess(taskToken, output);
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    this.calls.push({ operation: 'SendTaskFailure', taskToken, error, cause });
    return this.onSendTaskFailure(taskToken, error, cause);
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.calls.push({ operation: 'SendTaskHeartbeat', taskToken });
    return this.onSendTaskHeartbeat(taskToken);
  }

  /** Calls of one operation. */
  callsOf(operation: string): Array<{ operation: string; taskToken?: string; output?: string; error?: string; cause?: string }> {
    return this.calls.filter((call) => call.operation === operation);
  }

  /** Answers the oldest pending poll. */
  answerNextPoll(task: ActivityTask | undefined): void {
    const poll = this.pendingPolls[0];

    if (poll === undefined) {
      throw new Error('No GetActivityTask call is pending.');
    }

    poll.resolve(task);
  }

  private settle(poll: PendingPoll, finish: () => void): void {
    const index = this.pendingPolls.indexOf(poll);

    // Already answered, for example aborted after the test resolved it.
    if (index < 0) {
      return;
    }

    this.pendingPolls.splice(index, 1);
    this.detachers.get(poll)?.();
    this.detachers.delete(poll);
    this.pollsInFlight -= 1;
    finish();
  }
}
