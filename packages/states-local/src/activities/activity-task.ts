import type { TaskOutcome } from './task-outcome';

/** Life cycle of a task: queued, delivered to a poll, ended. */
export type TaskState = 'pending' | 'running' | 'ended';

/**
 * Callbacks that follow one task, registered by its execution or by the
 * caller of `StatesLocal.enqueueTask`.
 *
 * @public
 */
export interface TaskListener {
  /** Called when a poll takes the task. */
  onStarted?(workerName: string | undefined): void;
  /** Called for each SendTaskHeartbeat accepted for the task. */
  onHeartbeat?(): void;
}

/**
 * One activity task with its timers. {@link ActivityService} moves it
 * through its states. The outcome promise settles once, when the task ends.
 */
export class ActivityTask {
  state: TaskState = 'pending';

  /** Set when the task was delivered to a poll whose client had hung up. */
  lost = false;

  timeoutTimer: NodeJS.Timeout | undefined;

  heartbeatTimer: NodeJS.Timeout | undefined;

  readonly outcome: Promise<TaskOutcome>;

  private resolveOutcome!: (outcome: TaskOutcome) => void;

  constructor(
    /** Short id for logs, never the token. */
    readonly id: string,
    readonly token: string,
    readonly activityArn: string,
    readonly input: string,
    readonly heartbeatSeconds: number | undefined,
    readonly listener: TaskListener,
  ) {
    this.outcome = new Promise((resolve) => {
      this.resolveOutcome = resolve;
    });
  }

  /** Clears the timers and settles the outcome. */
  settle(outcome: TaskOutcome): void {
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.heartbeatTimer);
    this.state = 'ended';
    this.resolveOutcome(outcome);
  }
}
