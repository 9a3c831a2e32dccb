import type { ActivityTask } from './activity-task';

/** A GetActivityTask call waiting for a task. */
export class HeldPoll {
  /** True once the client closed the connection before the answer. */
  clientClosed = false;

  holdTimer: NodeJS.Timeout | undefined;

  readonly result: Promise<ActivityTask | undefined>;

  private resolveResult!: (task: ActivityTask | undefined) => void;

  private done = false;

  constructor(readonly workerName: string | undefined) {
    this.result = new Promise((resolve) => {
      this.resolveResult = resolve;
    });
  }

  get settled(): boolean {
    return this.done;
  }

  /** Ends the poll with a task, or empty-handed when `task` is undefined. */
  settle(task: ActivityTask | undefined): void {
    clearTimeout(this.holdTimer);
    this.done = true;
    this.resolveResult(task);
  }
}
