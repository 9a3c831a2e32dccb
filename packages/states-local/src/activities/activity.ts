import type { ActivityTask } from './activity-task';
import { CounterSet } from './counters';
import type { HeldPoll } from './held-poll';

/** An activity with its queue of pending tasks and its held polls. */
export class Activity {
  /** Tasks not yet delivered, oldest first. */
  readonly pendingTasks: ActivityTask[] = [];

  /** Polls waiting for a task, oldest first. */
  readonly heldPolls: HeldPoll[] = [];

  readonly creationDate = new Date();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly counters: CounterSet,
  ) {}

  /** Removes and returns the oldest poll still waiting, if any. */
  takeHeldPoll(): HeldPoll | undefined {
    while (this.heldPolls.length > 0) {
      const poll = this.heldPolls.shift();

      if (poll !== undefined && !poll.settled) {
        return poll;
      }
    }

    return undefined;
  }

  removeHeldPoll(poll: HeldPoll): void {
    const index = this.heldPolls.indexOf(poll);

    if (index >= 0) {
      this.heldPolls.splice(index, 1);
    }
  }

  removePendingTask(task: ActivityTask): void {
    const index = this.pendingTasks.indexOf(task);

    if (index >= 0) {
      this.pendingTasks.splice(index, 1);
    }
  }
}
