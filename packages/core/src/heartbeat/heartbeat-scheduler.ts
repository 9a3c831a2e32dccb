import type { Logger } from 'winston';

import type { RuntimeEvents } from '../application/runtime-events';
import type { ActivityApi } from '../client/activity-api';
import { describeServiceError, type ServiceErrorInfo } from '../client/service-errors';
import { Backoff } from '../polling/backoff';
import { FailureStreak } from '../polling/failure-streak';
import { MinHeap } from './min-heap';

/**
 * A running task whose heartbeats the scheduler sends.
 *
 * @internal
 */
export interface HeartbeatTask {
  readonly taskToken: string;
  readonly workerName: string;
  readonly taskId: string;
  /** Time between two heartbeats, in milliseconds. */
  readonly intervalMs: number;
  /** Task logger; its entries carry the task's ids. */
  readonly logger: Logger;
  /** Called once when the service reports the task over; the scheduler then stops its heartbeats. */
  onTaskOver(error: ServiceErrorInfo): void;
}

/**
 * A task's registration with the scheduler.
 *
 * @internal
 */
export interface HeartbeatHandle {
  /**
   * Sends a heartbeat now and moves the next scheduled one a full interval away.
   * Rejects with {@link TaskOverError} when the service reports the task over.
   * Resolves after other failures, which the scheduler logs and retries soon.
   */
  beatNow(): Promise<void>;
  /** Stops the task's heartbeats. Idempotent. */
  remove(): void;
}

/**
 * Rejection of a manual heartbeat: the service reports that the task is over.
 *
 * @public
 */
export class TaskOverError extends Error {
  override readonly name = 'TaskOverError';

  /** `TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(`The service reports the task is over (${code}): ${message}`);
    this.code = code;
  }
}

/**
 * Options of the {@link HeartbeatScheduler}.
 *
 * @internal
 */
export interface HeartbeatSchedulerOptions {
  readonly api: ActivityApi;
  readonly events: RuntimeEvents;
  /** Delays of retries after failed heartbeats; never longer than the task's interval. @default base 500 ms, cap 30 s */
  readonly retryBackoff?: Backoff;
}

interface Entry {
  readonly task: HeartbeatTask;
  readonly streak: FailureStreak;
  /** Only the heap node carrying the current version is live; older ones are skipped. */
  version: number;
  active: boolean;
  /** Delay before retrying after the last failed heartbeat. */
  retryMs: number;
  /** Error with which the service reported the task over. */
  taskOverError?: ServiceErrorInfo;
}

interface HeapNode {
  readonly dueAt: number;
  readonly entry: Entry;
  readonly version: number;
}

type BeatResult = 'sent' | 'task-over' | 'failed';

/**
 * Sends SendTaskHeartbeat for every running task of the application from one
 * timer over a min-heap of due times, instead of one interval timer per task.
 *
 * Goals:
 * - Each task gets a heartbeat every `intervalMs`, counted from the start of
 *   the previous one, and never two scheduled ones in flight at once.
 * - A task the service reports over has its signal aborted through
 *   `onTaskOver` and gets no more heartbeats.
 * - Any other failure is logged once per streak and retried after a backoff
 *   capped at the task's interval, without cancelling the task.
 *
 * @internal
 */
export class HeartbeatScheduler {
  private readonly heap = new MinHeap<HeapNode>((node) => node.dueAt);
  private readonly entries = new Set<Entry>();
  private readonly retryBackoff: Backoff;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: HeartbeatSchedulerOptions) {
    this.retryBackoff = options.retryBackoff ?? new Backoff({ baseMs: 500, maxMs: 30_000 });
  }

  /** Number of tasks with heartbeats scheduled. */
  get activeCount(): number {
    return this.entries.size;
  }

  /** Schedules heartbeats for `task`, the first one `task.intervalMs` from now. */
  add(task: HeartbeatTask): HeartbeatHandle {
    const entry: Entry = {
      task,
      streak: new FailureStreak(task.logger, 'SendTaskHeartbeat'),
      version: 0,
      active: true,
      retryMs: 0,
    };

    this.entries.add(entry);
    this.schedule(entry, task.intervalMs);

    return {
      beatNow: () => this.beatNow(entry),
      remove: () => this.remove(entry),
    };
  }

  /** Stops every task's heartbeats and the timer. */
  stop(): void {
    for (const entry of this.entries) {
      entry.active = false;
    }

    this.entries.clear();
    this.heap.clear();
    this.clearTimer();
  }

  private remove(entry: Entry): void {
    entry.active = false;
    this.entries.delete(entry);

    if (this.entries.size === 0) {
      this.heap.clear();
      this.clearTimer();
    }
  }

  private async beatNow(entry: Entry): Promise<void> {
    if (!entry.active) {
      return;
    }

    const result = await this.send(entry);

    if (result === 'task-over') {
      const error = entry.taskOverError;
      throw new TaskOverError(error?.code ?? 'TaskTimedOut', error?.message ?? 'Heartbeat rejected.');
    }

    if (result === 'sent') {
      this.schedule(entry, entry.task.intervalMs);
    }
  }

  private schedule(entry: Entry, delayMs: number): void {
    if (!entry.active) {
      return;
    }

    entry.version += 1;
    this.heap.push({ dueAt: Date.now() + delayMs, entry, version: entry.version });
    this.armTimer();
  }

  private armTimer(): void {
    const next = this.heap.peek();

    // Nothing scheduled, or the armed timer already fires in time for the earliest node.
    if (next === undefined || this.timerDueAt <= next.dueAt) {
      return;
    }

    this.clearTimer();
    this.timerDueAt = next.dueAt;
    this.timer = setTimeout(() => this.fireDue(), Math.max(0, next.dueAt - Date.now()));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }

    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  /**
   * Sends the heartbeats that are due and re-arms the timer for the next one.
   * Each send reschedules its task when it completes.
   */
  private fireDue(): void {
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    const now = Date.now();

    for (let node = this.heap.peek(); node !== undefined && node.dueAt <= now; node = this.heap.peek()) {
      this.heap.pop();

      // A stale node: the task was removed or rescheduled since this node was pushed.
      if (!node.entry.active || node.version !== node.entry.version) {
        continue;
      }

      void this.sendScheduled(node.entry);
    }

    this.armTimer();
  }

  private async sendScheduled(entry: Entry): Promise<void> {
    const sentAt = Date.now();
    const result = await this.send(entry);

    // The interval counts from the start of the call, so a slow endpoint does not stretch it.
    if (result === 'sent') {
      this.schedule(entry, Math.max(0, entry.task.intervalMs - (Date.now() - sentAt)));
    } else if (result === 'failed') {
      this.schedule(entry, entry.retryMs);
    }
  }

  private async send(entry: Entry): Promise<BeatResult> {
    const { task } = entry;

    try {
      await this.options.api.sendTaskHeartbeat(task.taskToken);
      entry.streak.recordSuccess();
      task.logger.debug('Heartbeat sent');

      return 'sent';
    } catch (error) {
      const info = describeServiceError(error);

      this.options.events.emit({
        type: 'heartbeat-failed',
        workerName: task.workerName,
        taskId: task.taskId,
        errorCode: info.code,
        taskOver: info.taskOver,
      });

      if (!info.taskOver) {
        entry.retryMs = Math.min(task.intervalMs, this.retryBackoff.delayMs(entry.streak.failures + 1));
        entry.streak.recordFailure(info, entry.retryMs);

        return 'failed';
      }

      entry.taskOverError = info;

      // A concurrent heartbeat already reported the task over.
      if (!entry.active) {
        return 'task-over';
      }

      this.remove(entry);
      task.logger.warn('Heartbeat rejected; the task is over at the service', { errorCode: info.code, error: info.message });
      task.onTaskOver(info);

      return 'task-over';
    }
  }
}
