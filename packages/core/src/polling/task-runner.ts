import type { Logger } from 'winston';

import type { RuntimeEvents, TaskRunOutcome } from '../application/runtime-events';
import type { ActivityTask } from '../client/activity-api';
import type { HeartbeatScheduler } from '../heartbeat/heartbeat-scheduler';
import type { TaskAnswer } from '../task/task-answer';
import type { TaskAbortReason, TaskContext } from '../task/task-context';
import type { TaskPipeline } from '../task/task-pipeline';
import type { AnswerDelivery, AnswerSender } from './answer-sender';
import { WorkerErrorCodes } from '../results/worker-error-codes';
import { RuntimeErrorCodes } from './runtime-error-codes';
import { shortTaskId } from '../logging/task-logger';

/**
 * Options of a worker's {@link TaskRunner}.
 *
 * @internal
 */
export interface TaskRunnerOptions {
  readonly workerName: string;
  readonly activityArn: string;
  /** Interval between two heartbeats of a running task, in milliseconds. */
  readonly heartbeatMs: number;
  readonly pipeline: TaskPipeline;
  readonly heartbeats: HeartbeatScheduler;
  readonly answers: AnswerSender;
  readonly events: RuntimeEvents;
  /** Builds the child logger of one task (worker, activity ARN, short task id). */
  readonly createTaskLogger: (taskToken: string) => Logger;
}

interface RunningTask {
  readonly controller: AbortController;
}

/**
 * Runs the tasks of one worker: builds each task's {@link TaskContext}, runs
 * the pipeline, sends the answer, and logs the outcome once.
 *
 * A task's signal aborts in two cases. When the service reports the task over
 * (heartbeat rejected), no answer is sent. When a shutdown cuts it, the task is
 * answered at once with SendTaskFailure `Worker.ShuttingDown`, without waiting
 * for a handler that may ignore its signal.
 *
 * @internal
 */
export class TaskRunner {
  private readonly running = new Set<RunningTask>();
  private readonly idleWaiters: Array<() => void> = [];
  private shutdownReason: TaskAbortReason | undefined;
  private readonly retryStop = new AbortController();

  constructor(private readonly options: TaskRunnerOptions) {}

  /** Tasks received and not yet answered. */
  get runningCount(): number {
    return this.running.size;
  }

  /**
   * Runs `task` to its answer. Resolves once the answer call finished (or no
   * answer was due); calls `release` when, in addition, the pipeline settled.
   * Never rejects.
   */
  async run(task: ActivityTask, release: () => void): Promise<void> {
    const { workerName, activityArn } = this.options;
    const startedAt = Date.now();
    const taskId = shortTaskId(task.taskToken);
    const logger = this.options.createTaskLogger(task.taskToken);
    const controller = new AbortController();
    const record: RunningTask = { controller };
    let outcome: TaskRunOutcome = 'answer-lost';
    let errorCode: string | undefined;

    this.running.add(record);
    const heartbeat = this.options.heartbeats.add({
      taskToken: task.taskToken,
      workerName,
      taskId,
      intervalMs: this.options.heartbeatMs,
      logger,
      onTaskOver: (error) => controller.abort({ kind: 'heartbeat-rejected', code: error.code, message: error.message }),
    });

    const context: TaskContext = {
      taskId,
      workerName,
      activityArn,
      signal: controller.signal,
      logger,
      receivedAt: new Date(startedAt),
      heartbeat: () => heartbeat.beatNow(),
    };

    this.options.events.emit({ type: 'task-started', workerName, taskId });
    logger.debug('Task started', { inputLength: task.input.length });

    // A task that arrives after the grace period is answered without running.
    if (this.shutdownReason !== undefined) {
      controller.abort(this.shutdownReason);
    }

    const pipelineRun = controller.signal.aborted ? Promise.resolve(undefined) : this.runPipeline(task.input, context);

    try {
      const answer = await this.decideAnswer(pipelineRun, controller.signal);

      if (answer.kind === 'none') {
        outcome = 'not-answered';
        logger.debug('No answer sent', { reason: answer.reason });
      } else {
        const delivery = await this.options.answers.send(task.taskToken, answer, logger, this.retryStop.signal);
        ({ outcome, errorCode } = outcomeOf(delivery));
      }
    } finally {
      heartbeat.remove();
      this.running.delete(record);
      this.notifyIfIdle();
      // NOTE: a handler that ignores its aborted signal and never settles keeps its slot for good.
      // The worker then runs with one slot less, which the slotsInUse counter shows.
      void pipelineRun.then(release);

      const durationMs = Date.now() - startedAt;
      const level = outcome === 'succeeded' ? 'info' : 'warn';
      logger.log(level, 'Task finished', { outcome, errorCode, durationMs });
      this.options.events.emit({ type: 'task-finished', workerName, taskId, outcome, errorCode, durationMs });
    }
  }

  /**
   * Aborts the signal of every running task with `reason` and answers them
   * with `Worker.ShuttingDown`; tasks received afterwards are answered the same
   * way without running.
   */
  cancelAll(reason: Extract<TaskAbortReason, { kind: 'shutdown' }>): number {
    this.shutdownReason = reason;

    for (const task of this.running) {
      task.controller.abort(reason);
    }

    return this.running.size;
  }

  /** Stops retrying answers; used when the process exits at once. */
  stopAnswerRetries(): void {
    this.retryStop.abort();
  }

  /** Resolves when no task is waiting for its answer. */
  whenIdle(): Promise<void> {
    if (this.running.size === 0) {
      return Promise.resolve();
    }

    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIfIdle(): void {
    if (this.running.size === 0) {
      this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private async runPipeline(rawInput: string, context: TaskContext): Promise<TaskAnswer> {
    try {
      return await this.options.pipeline.run(rawInput, context);
    } catch (error) {
      context.logger.error('Task pipeline rejected; failing the task', { error: String(error) });

      return { kind: 'failure', error: RuntimeErrorCodes.internalError, cause: `The task pipeline rejected: ${String(error)}` };
    }
  }

  /**
   * Waits for the pipeline's answer, unless the signal aborts first: then the
   * abort reason decides, because the handler may never settle.
   */
  private async decideAnswer(pipelineRun: Promise<TaskAnswer | undefined>, signal: AbortSignal): Promise<TaskAnswer> {
    const aborted = new Promise<TaskAbortReason>((resolve) => {
      if (signal.aborted) {
        resolve(signal.reason as TaskAbortReason);
      }

      signal.addEventListener('abort', () => resolve(signal.reason as TaskAbortReason), { once: true });
    });

    const first = await Promise.race([
      pipelineRun.then((answer) => ({ source: 'pipeline' as const, answer })),
      aborted.then((reason) => ({ source: 'signal' as const, reason })),
    ]);

    // The pipeline won, but the service may have ended the task meanwhile.
    if (first.source === 'pipeline' && first.answer !== undefined) {
      return signal.aborted ? answerForAbort(signal.reason as TaskAbortReason, first.answer) : first.answer;
    }

    const reason = first.source === 'signal' ? first.reason : (signal.reason as TaskAbortReason);

    // A signal aborted by a caller other than the runtime leaves the answer to the handler.
    if (reason.kind === 'cancelled') {
      return (await pipelineRun) ?? { kind: 'none', reason: reason.message };
    }

    return answerForAbort(reason, undefined);
  }
}

/** Answer for a task whose signal aborted; `settled` is the pipeline's answer if it already came. */
function answerForAbort(reason: TaskAbortReason, settled: TaskAnswer | undefined): TaskAnswer {
  switch (reason.kind) {
    case 'heartbeat-rejected':
      return { kind: 'none', reason: `The service reports the task over (${reason.code}).` };
    case 'shutdown':
      return (
        settled ?? {
          kind: 'failure',
          error: WorkerErrorCodes.shuttingDown,
          cause: `The worker shut down and the task did not finish within the shutdown grace period of ${reason.graceMs} ms. Retry the task.`,
        }
      );
    case 'cancelled':
      return settled ?? { kind: 'none', reason: reason.message };
  }
}

function outcomeOf(delivery: AnswerDelivery): { outcome: TaskRunOutcome; errorCode: string | undefined } {
  switch (delivery.status) {
    case 'sent':
      return delivery.answer.kind === 'success'
        ? { outcome: 'succeeded', errorCode: undefined }
        : { outcome: 'failed', errorCode: delivery.answer.error };
    case 'task-over':
      return { outcome: 'not-answered', errorCode: delivery.error.code };
    case 'gave-up':
      return { outcome: 'answer-lost', errorCode: delivery.error.code };
  }
}
