import type { Logger } from 'winston';

import { RuntimeEvents, type RuntimeObserver } from '../application/runtime-events';
import type { ActivityApi, ActivityTask } from '../client/activity-api';
import { HeartbeatScheduler } from '../heartbeat/heartbeat-scheduler';
import { createTaskLogger } from '../logging/task-logger';
import type { TaskAbortReason } from '../task/task-context';
import type { TaskPipeline } from '../task/task-pipeline';
import { AnswerSender } from './answer-sender';
import { TaskRunner } from './task-runner';

/**
 * The Step Functions calls a running task makes: heartbeats and its answer.
 * Each method rejects with an error whose `name` is the service's error code
 * (`TaskTimedOut`, `ThrottlingException`...), as the AWS SDK raises it.
 *
 * @internal
 */
export type TaskServiceCalls = Pick<ActivityApi, 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat'>;

/**
 * Options of {@link createTaskRunner}.
 *
 * @internal
 */
export interface CreateTaskRunnerOptions {
  /** Activity name as declared with `@Worker`. */
  readonly workerName: string;
  readonly activityArn: string;
  /** Interval between two scheduled heartbeats of a running task, in milliseconds. */
  readonly heartbeatMs: number;
  readonly pipeline: TaskPipeline;
  /** Where heartbeats and answers go instead of the network. */
  readonly calls: TaskServiceCalls;
  /** Parent of each task's child logger. */
  readonly logger: Logger;
  /** Receives the `task-started`, `task-finished` and `heartbeat-failed` events. */
  readonly observer?: RuntimeObserver;
}

/**
 * The runtime's task runner for one worker, fed by the caller instead of a poller.
 *
 * @internal
 */
export interface StandaloneTaskRunner {
  /**
   * Runs `task` exactly as the poller would: builds its context, schedules its
   * heartbeats, runs the pipeline and sends the answer through `calls`.
   * Resolves once the answer call finished (or no answer was due); calls
   * `release` when, in addition, the pipeline settled. Never rejects.
   */
  run(task: ActivityTask, release: () => void): Promise<void>;

  /**
   * Does what a shutdown does once its grace period is over: aborts the signal
   * of every running task with `reason` and answers each with
   * `Worker.ShuttingDown`; tasks run afterwards are answered the same way
   * without running. Returns the number of tasks it aborted.
   */
  cancelAll(reason: Extract<TaskAbortReason, { kind: 'shutdown' }>): number;

  /** Resolves when no task is waiting for its answer. */
  whenIdle(): Promise<void>;

  /** Stops every scheduled heartbeat. */
  stop(): void;
}

/**
 * Builds the task runner, heartbeat scheduler and answer sender that
 * `WorkerApplication` builds for each worker, around caller-supplied service
 * calls instead of an SDK client. The testing package runs tasks through it,
 * so that cancellation, heartbeat expiry and shutdown end a task with the
 * answer the network runtime would send.
 *
 * @internal
 */
export function createTaskRunner(options: CreateTaskRunnerOptions): StandaloneTaskRunner {
  const { workerName, activityArn, logger } = options;
  const api = serviceCallsAsApi(options.calls);
  const events = new RuntimeEvents(logger);
  if (options.observer !== undefined) {
    events.subscribe(options.observer);
  }

  const heartbeats = new HeartbeatScheduler({ api, events });
  const runner = new TaskRunner({
    workerName,
    activityArn,
    heartbeatMs: options.heartbeatMs,
    pipeline: options.pipeline,
    heartbeats,
    answers: new AnswerSender({ api }),
    events,
    createTaskLogger: (taskToken) => createTaskLogger(logger, { workerName, activityArn, taskToken }),
  });

  return {
    run: (task, release) => runner.run(task, release),
    cancelAll: (reason) => runner.cancelAll(reason),
    whenIdle: () => runner.whenIdle(),
    stop: () => heartbeats.stop(),
  };
}

/** The runner never registers activities or polls, so those calls are left out. */
function serviceCallsAsApi(calls: TaskServiceCalls): ActivityApi {
  const unavailable = (operation: string) => () => Promise.reject(new Error(`${operation} is not available to a standalone task runner.`));

  return {
    createActivity: unavailable('CreateActivity'),
    getActivityTask: unavailable('GetActivityTask'),
    sendTaskSuccess: (taskToken, output) => calls.sendTaskSuccess(taskToken, output),
    sendTaskFailure: (taskToken, error, cause) => calls.sendTaskFailure(taskToken, error, cause),
    sendTaskHeartbeat: (taskToken) => calls.sendTaskHeartbeat(taskToken),
  };
}
