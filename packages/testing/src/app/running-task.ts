import type { StandaloneTaskRunner, TaskAbortReason } from '@bevault-workers/core';

import type { CapturedLogEntry, CapturedLogs } from '../logging/captured-logs';
import { HandlerStillRunningError } from './handler-still-running-error';
import type { RecordedServiceCalls } from './recorded-service-calls';
import type { TaskRunOutcome } from './task-run-outcome';

/**
 * Options of {@link RunningTask.shutdown}.
 *
 * @public
 */
export interface ShutdownOptions {
  /**
   * Time the task gets to finish on its own before its signal aborts, in milliseconds.
   * @defaultValue 0 (the grace period is over at once)
   */
  readonly graceMs?: number;
}

/**
 * Error codes with which Step Functions reports a task over.
 *
 * @public
 */
export type TaskOverCode = 'TaskTimedOut' | 'TaskDoesNotExist' | 'InvalidToken';

/** Parts of a {@link RunningTask}, built by the testing app. @internal */
export interface RunningTaskParts {
  readonly workerName: string;
  readonly taskToken: string;
  readonly taskId: string;
  readonly runner: StandaloneTaskRunner;
  readonly calls: RecordedServiceCalls;
  readonly cancelController: AbortController;
  readonly outcome: Promise<TaskRunOutcome>;
  readonly handlerSettled: Promise<void>;
  readonly logs: CapturedLogs;
  /** The handler's task context, once the pipeline started. */
  readonly context: () => { readonly signal: AbortSignal; heartbeat(): Promise<void> } | undefined;
}

/**
 * A task started with `app.start()`: its outcome, and the ways the runtime can
 * stop it (cancellation, heartbeat expiry, shutdown), each aborting the
 * handler's signal with the reason the runtime uses.
 *
 * @example
 * ```ts
 * const task = app.start('csv_to_table', { file: 'landing://in/big.csv' });
 * const outcome = await task.shutdown();
 * expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.ShuttingDown' });
 * await task.handlerStopped();
 * ```
 *
 * @public
 */
export class RunningTask {
  private handlerDone = false;

  /** @internal */
  constructor(private readonly parts: RunningTaskParts) {
    void parts.handlerSettled.then(() => {
      this.handlerDone = true;
    });
  }

  /** Activity name as declared with `@Worker`. */
  get workerName(): string {
    return this.parts.workerName;
  }

  /** Short task id, as in the task's log entries and `context.taskId`. */
  get taskId(): string {
    return this.parts.taskId;
  }

  /** The answer, once sent (or once it is known that none is sent). Never rejects. */
  get outcome(): Promise<TaskRunOutcome> {
    return this.parts.outcome;
  }

  /** Number of SendTaskHeartbeat calls so far, scheduled and manual. */
  get heartbeats(): number {
    return this.parts.calls.heartbeats;
  }

  /** The signal the handler received; undefined when the handler never started. */
  get signal(): AbortSignal | undefined {
    return this.parts.context()?.signal;
  }

  /** Reason the handler's signal aborted with; undefined while it has not aborted. */
  get abortReason(): TaskAbortReason | undefined {
    const signal = this.signal;
    return signal?.aborted === true ? (signal.reason as TaskAbortReason) : undefined;
  }

  /** True until the handler returned or threw (or, without a handler run, until the pipeline ended). */
  get handlerRunning(): boolean {
    return !this.handlerDone;
  }

  /**
   * Aborts the handler's signal with `{ kind: 'cancelled', message }`, as a
   * caller other than the runtime would. The answer is left to the handler:
   * the outcome is whatever it returns or throws.
   * @param message - @defaultValue 'The test cancelled the task.'
   */
  cancel(message = 'The test cancelled the task.'): void {
    const reason: TaskAbortReason = { kind: 'cancelled', message };
    this.parts.cancelController.abort(reason);
  }

  /**
   * Makes the service report the task over, then sends a heartbeat: as when a
   * scheduled heartbeat finds the task timed out, the signal aborts with
   * `{ kind: 'heartbeat-rejected', code }`, no answer is sent (outcome `none`),
   * and later `context.heartbeat()` calls reject with `TaskOverError`.
   * Resolves once that heartbeat was handled.
   * @param code - @defaultValue 'TaskTimedOut'
   */
  async expireHeartbeat(code: TaskOverCode = 'TaskTimedOut'): Promise<void> {
    this.parts.calls.endTask(code);

    try {
      await this.parts.context()?.heartbeat();
    } catch {
      // The rejection is the expected TaskOverError; the runtime has aborted the signal.
    }
  }

  /**
   * Shuts the worker down as the application does: the task gets `graceMs`
   * to finish, then its signal aborts with `{ kind: 'shutdown', graceMs }` and
   * the task is answered at once with `Worker.ShuttingDown`, without waiting
   * for the handler. Resolves with the outcome.
   */
  async shutdown(options: ShutdownOptions = {}): Promise<TaskRunOutcome> {
    const graceMs = options.graceMs ?? 0;

    if (!(await settlesWithin(this.outcome, graceMs))) {
      this.parts.runner.cancelAll({ kind: 'shutdown', graceMs });
    }

    return this.outcome;
  }

  /**
   * Resolves once the handler returned or threw.
   * @param timeoutMs - How long to wait, in milliseconds. @defaultValue 1000
   * @throws {@link HandlerStillRunningError} when the handler is still running after `timeoutMs`.
   */
  async handlerStopped(timeoutMs = 1_000): Promise<void> {
    if (!(await settlesWithin(this.parts.handlerSettled, timeoutMs))) {
      throw new HandlerStillRunningError(this.workerName, this.taskId, timeoutMs, this.abortReason);
    }
  }

  /** Returns the log entries of this task (those carrying its `taskId`). */
  logs(): CapturedLogEntry[] {
    return this.parts.logs.forTask(this.taskId);
  }
}

/** Tells whether `work` settles within `timeoutMs` milliseconds. */
async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });

  try {
    return (await Promise.race([work.then(() => 'settled' as const), timedOut])) === 'settled';
  } finally {
    clearTimeout(timer);
  }
}
