import { setMaxListeners } from 'node:events';

import type { Logger } from 'winston';

import type { RuntimeEvents } from '../application/runtime-events';
import type { ActivityApi, ActivityTask } from '../client/activity-api';
import { describeServiceError } from '../client/service-errors';
import { Backoff, settledOrAborted, sleep } from './backoff';
import { FailureStreak } from './failure-streak';
import { SlotPool } from './slot-pool';
import type { TaskRunner } from './task-runner';

/**
 * Options of an {@link ActivityPoller}.
 *
 * @internal
 */
export interface ActivityPollerOptions {
  readonly workerName: string;
  readonly activityArn: string;
  /** Number of slots: tasks running plus polls in flight never exceed it. */
  readonly concurrency: number;
  /** Maximum number of GetActivityTask calls in flight. */
  readonly maxPollers: number;
  readonly api: ActivityApi;
  readonly runner: TaskRunner;
  readonly events: RuntimeEvents;
  readonly logger: Logger;
  /** Pause after failed polls. @default base 250 ms, cap 5 s */
  readonly backoff?: Backoff;
  /**
   * Minimum time between the starts of two polls of one lane when the first
   * came back empty, in milliseconds. It keeps an endpoint that returns empty
   * polls at once from causing a request storm. @default 500
   */
  readonly minEmptyPollCycleMs?: number;
}

/**
 * Polls one activity with up to `maxPollers` GetActivityTask calls, each sent
 * only while holding a free slot, and hands the tasks to the worker's
 * {@link TaskRunner}.
 *
 * @internal
 */
export class ActivityPoller {
  readonly slots: SlotPool;
  private readonly backoff: Backoff;
  private readonly streak: FailureStreak;
  private readonly minEmptyPollCycleMs: number;
  /** Aborts when polling stops: wakes lanes waiting for a slot or a backoff, never a poll in flight. */
  private readonly stopping = new AbortController();
  /** Aborts the polls in flight; only for an immediate exit. */
  private readonly pollAbort = new AbortController();
  private lanes: Promise<void>[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  /** Settles when the poll probing a failing endpoint returns; other lanes wait for it. */
  private probe: Promise<void> | undefined;
  private endProbe: (() => void) | undefined;

  constructor(private readonly options: ActivityPollerOptions) {
    this.backoff = options.backoff ?? new Backoff({ baseMs: 250, maxMs: 5_000 });
    this.minEmptyPollCycleMs = options.minEmptyPollCycleMs ?? 500;
    this.streak = new FailureStreak(options.logger, 'GetActivityTask', {
      worker: options.workerName,
      activityArn: options.activityArn,
    });
    this.slots = new SlotPool(options.concurrency, (inUse) =>
      options.events.emit({ type: 'slots-changed', workerName: options.workerName, inUse, capacity: options.concurrency }),
    );
  }

  /** GetActivityTask calls waiting for their reply. */
  get pollsInFlight(): number {
    return this.inFlight;
  }

  /** Starts the poll lanes: `min(maxPollers, concurrency)` of them. */
  start(): void {
    const laneCount = Math.min(this.options.maxPollers, this.options.concurrency);

    // Every lane listens to both signals while it waits or polls; more than 10 is expected, not a leak.
    setMaxListeners(2 * laneCount + 10, this.stopping.signal, this.pollAbort.signal);

    this.lanes = Array.from({ length: laneCount }, () => this.runLane());
  }

  /**
   * Stops sending GetActivityTask. Polls in flight are not aborted, because a
   * task the service hands to an aborted poll is lost until it times out.
   * The tasks they bring still go to the runner.
   */
  stopPolling(): void {
    this.stopping.abort();
  }

  /** Aborts the polls in flight as well; a task the service is handing over then is lost. */
  abortPolls(): void {
    this.stopping.abort();
    this.pollAbort.abort();
  }

  /** Resolves when every lane ended: polling stopped and no poll is in flight. */
  async whenStopped(): Promise<void> {
    await Promise.all(this.lanes);
  }

  /**
   * One poll lane.
   *
   * Goals:
   * - Send GetActivityTask only while holding a free slot, so a task is never
   *   received without the capacity to run it.
   * - Hand each task with its slot to the runner and poll again at once.
   * - After a failure, wait out the shared backoff, so the request rate stays
   *   bounded whatever the endpoint does.
   * - Once polling stops, send nothing more but let the poll in flight return.
   */
  private async runLane(): Promise<void> {
    for (;;) {
      const acquired = await this.slots.acquire(this.stopping.signal);

      // Polling stopped while this lane waited for a free slot, so it has no slot to release.
      if (!acquired) {
        return;
      }

      const mayPoll = await this.waitForTurn();

      // Polling stopped during a backoff pause.
      if (!mayPoll) {
        this.slots.release();
        return;
      }

      const startedAt = Date.now();
      const task = await this.pollOnce();

      if (task !== undefined) {
        void this.options.runner.run(task, () => this.slots.release());
        continue;
      }

      this.slots.release();

      const cycleRemainderMs = this.minEmptyPollCycleMs - (Date.now() - startedAt);
      await sleep(cycleRemainderMs, this.stopping.signal);
    }
  }

  /**
   * Waits until this lane may send a poll: past the backoff pause, and not while
   * another lane's poll probes a failing endpoint. Returns false when polling stopped.
   */
  private async waitForTurn(): Promise<boolean> {
    while (!this.stopping.signal.aborted) {
      const pauseMs = this.pausedUntil - Date.now();

      if (pauseMs > 0) {
        await sleep(pauseMs, this.stopping.signal);
      } else if (this.probe !== undefined) {
        await settledOrAborted(this.probe, this.stopping.signal);
      } else {
        // While failures last, one lane at a time probes the endpoint; the claim is synchronous.
        if (this.streak.failures > 0) {
          this.probe = new Promise((resolve) => (this.endProbe = resolve));
        }

        return true;
      }
    }

    return false;
  }

  /** Sends one GetActivityTask; returns its task, or undefined after an empty reply or a failure. */
  private async pollOnce(): Promise<ActivityTask | undefined> {
    const { workerName, activityArn, events } = this.options;
    const endProbe = this.endProbe;
    this.endProbe = undefined;

    this.inFlight += 1;
    events.emit({ type: 'poll-sent', workerName, pollsInFlight: this.inFlight });

    try {
      const task = await this.options.api.getActivityTask(activityArn, workerName, this.pollAbort.signal);

      this.inFlight -= 1;
      this.streak.recordSuccess();
      events.emit({ type: 'poll-returned', workerName, result: task === undefined ? 'empty' : 'task', pollsInFlight: this.inFlight });

      return task;
    } catch (thrown) {
      this.inFlight -= 1;
      const error = describeServiceError(thrown);
      events.emit({ type: 'poll-returned', workerName, result: 'error', errorCode: error.code, pollsInFlight: this.inFlight });

      if (this.pollAbort.signal.aborted) {
        return undefined;
      }

      const delayMs = this.backoff.delayMs(this.streak.failures + 1);
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delayMs);
      this.streak.recordFailure(error, delayMs);

      return undefined;
    } finally {
      if (endProbe !== undefined) {
        this.probe = undefined;
        endProbe();
      }
    }
  }
}
