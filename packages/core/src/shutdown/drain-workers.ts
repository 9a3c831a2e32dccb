import type { Logger } from 'winston';

import { sleep } from '../polling/backoff';
import type { ActivityPoller } from '../polling/activity-poller';
import type { TaskRunner } from '../polling/task-runner';

/**
 * The running parts of one worker.
 *
 * @internal
 */
export interface WorkerRuntime {
  readonly workerName: string;
  readonly activityArn: string;
  readonly poller: ActivityPoller;
  readonly runner: TaskRunner;
}

/**
 * Options of {@link drainWorkers}.
 *
 * @internal
 */
export interface DrainOptions {
  readonly workers: readonly WorkerRuntime[];
  /** Time running tasks get to finish, in milliseconds. */
  readonly graceMs: number;
  readonly logger: Logger;
  /** Aborts on a second signal: the drain then ends as fast as it can. */
  readonly immediate: AbortSignal;
  /** After an immediate stop, how long answers already under way may take, in milliseconds. @default 2000 */
  readonly immediateAnswerWaitMs?: number;
}

type WaitResult = 'finished' | 'timed-out' | 'aborted';

/**
 * Stops the workers without losing a task:
 *
 * 1. Stop sending GetActivityTask. Polls in flight are left to return, because
 *    a task handed to an aborted poll is lost until its timeout.
 * 2. Let running tasks, and the tasks those polls still bring, finish within
 *    `graceMs`.
 * 3. When the grace period is over, abort the signal of every task left and
 *    answer it with SendTaskFailure `Worker.ShuttingDown`; a task that a poll
 *    brings from then on is answered the same way without running.
 * 4. Wait for the last polls to return (up to the service's hold, 60 s on AWS)
 *    and for every answer to be sent.
 *
 * When `immediate` aborts, polls in flight are aborted, running tasks are
 * answered `Worker.ShuttingDown`, and the drain waits at most
 * `immediateAnswerWaitMs` for answers before it returns.
 *
 * @internal
 */
export async function drainWorkers(options: DrainOptions): Promise<void> {
  const { workers, graceMs, logger, immediate } = options;
  const shutdownReason = { kind: 'shutdown' as const, graceMs };

  for (const worker of workers) {
    worker.poller.stopPolling();
  }

  const atStart = countActivity(workers);
  logger.info('Shutdown started; polling stopped', { ...atStart, graceMs });

  // Polls in flight return on their own, empty or with a task, within the service's hold (60 s on AWS).
  if (atStart.runningTasks === 0 && atStart.pollsInFlight > 0) {
    logger.info('Shutdown: no task running; waiting for polls in flight to return, up to the poll hold', atStart);
  }

  const pollsReturned = Promise.all(workers.map((worker) => worker.poller.whenStopped()));
  const allAnswered = pollsReturned.then(() => Promise.all(workers.map((worker) => worker.runner.whenIdle())));

  let phase = await waitFor(allAnswered, graceMs, immediate);

  if (phase === 'finished') {
    logger.info('Shutdown: every task answered; no poll in flight');
    return;
  }

  const cancelled = workers.reduce((sum, worker) => sum + worker.runner.cancelAll(shutdownReason), 0);

  if (phase === 'timed-out') {
    // With no task running, the end of the grace period only means that tasks from late polls now fail without running.
    if (cancelled > 0) {
      logger.warn('Shutdown: grace period over; answering running tasks with Worker.ShuttingDown', {
        cancelledTasks: cancelled,
        ...countActivity(workers),
      });

      if (countActivity(workers).pollsInFlight > 0) {
        logger.info('Shutdown: waiting for polls in flight to return; a second signal stops now at the risk of losing their tasks', countActivity(workers));
      }
    } else {
      logger.debug('Shutdown: grace period over with no task running', countActivity(workers));
    }

    phase = await waitFor(allAnswered, Number.POSITIVE_INFINITY, immediate);

    if (phase === 'finished') {
      logger.info('Shutdown: every task answered; no poll in flight');
      return;
    }
  }

  const abandonedPolls = countActivity(workers).pollsInFlight;

  for (const worker of workers) {
    worker.poller.abortPolls();
  }

  logger.warn('Shutdown: stopping now; polls in flight aborted', { abandonedPolls, cancelledTasks: cancelled });

  const answered = await waitFor(
    Promise.all(workers.map((worker) => worker.runner.whenIdle())),
    options.immediateAnswerWaitMs ?? 2_000,
    new AbortController().signal,
  );

  for (const worker of workers) {
    worker.runner.stopAnswerRetries();
  }

  if (answered !== 'finished') {
    logger.warn('Shutdown: answers still unsent when stopping', countActivity(workers));
  }
}

function countActivity(workers: readonly WorkerRuntime[]): { runningTasks: number; pollsInFlight: number } {
  return {
    runningTasks: workers.reduce((sum, worker) => sum + worker.runner.runningCount, 0),
    pollsInFlight: workers.reduce((sum, worker) => sum + worker.poller.pollsInFlight, 0),
  };
}

/** Waits for `work`, at most `timeoutMs` (infinite allowed), and returns early when `signal` aborts. */
async function waitFor(work: Promise<unknown>, timeoutMs: number, signal: AbortSignal): Promise<WaitResult> {
  if (signal.aborted) {
    return 'aborted';
  }

  const stopWaiting = new AbortController();
  const onAbort = (): void => stopWaiting.abort();
  signal.addEventListener('abort', onAbort, { once: true });

  const timeout = Number.isFinite(timeoutMs)
    ? sleep(timeoutMs, stopWaiting.signal)
    : new Promise<void>((resolve) => stopWaiting.signal.addEventListener('abort', () => resolve(), { once: true }));

  try {
    return await Promise.race([
      work.then(() => 'finished' as const),
      timeout.then(() => (signal.aborted ? ('aborted' as const) : ('timed-out' as const))),
    ]);
  } finally {
    signal.removeEventListener('abort', onAbort);
    stopWaiting.abort();
  }
}
