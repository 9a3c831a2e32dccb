import { setImmediate as nextTurn } from 'node:timers/promises';

import type { ActivityService } from '../activities/activity-service';
import type { StatesLocalLogger } from '../logging/logger';
import { ServiceError } from '../protocol/service-error';
import type { ActivityTaskState } from './definition';
import type { Execution } from './execution';
import { TaskFailedError } from './task-failed-error';

/**
 * Margin by which the activity task's own timeout fires before the
 * interpreter's, in milliseconds. The task then ends as timed out (its token
 * rejects late results) and the interpreter raises its own `States.Timeout`,
 * which Retry and Catch treat as Step Functions does.
 */
const TIMEOUT_LEAD_MS = 5;

/** A promise that never settles, for a task whose end the interpreter decides. */
const never = <T>() => new Promise<T>(() => undefined);

/** Dependencies of a Task state handler. */
export interface TaskHandlerContext {
  execution: Execution;
  activities: ActivityService;
  logger: StatesLocalLogger;
}

/**
 * Creates the interpreter handler of a Task state on an activity ARN: it
 * queues a task on the activity, records the activity events and returns
 * the worker's output or throws its error.
 */
export function createActivityTaskHandler(stateName: string, state: ActivityTaskState, context: TaskHandlerContext) {
  const { execution, activities } = context;

  return async (input: unknown): Promise<never> => {
    const calledAt = Date.now();

    // Lets the history take in the StateEntered event the interpreter queued before this call.
    await nextTurn();

    if (execution.status !== 'RUNNING') {
      return never();
    }

    let activity;

    try {
      activity = activities.getActivity(state.activityArn, 'resource');
    } catch (error) {
      const code = error instanceof ServiceError ? error.code : 'States.Runtime';
      const cause = (error as Error).message;

      execution.history.add('ActivityScheduleFailed', { activityScheduleFailedEventDetails: { error: code, cause } });

      throw new TaskFailedError(code, cause);
    }

    const inputText = JSON.stringify(input ?? null);
    const timeoutMs = state.timeoutSeconds * 1000 - (Date.now() - calledAt) - TIMEOUT_LEAD_MS;
    const scheduledId = execution.history.add('ActivityScheduled', {
      activityScheduledEventDetails: {
        resource: state.activityArn,
        input: inputText,
        inputDetails: { truncated: false },
        timeoutInSeconds: state.timeoutSeconds,
        heartbeatInSeconds: state.heartbeatSeconds,
      },
    });

    const task = activities.enqueueTask(
      activity,
      inputText,
      { timeoutSeconds: Math.max(timeoutMs, 1) / 1000, heartbeatSeconds: state.heartbeatSeconds },
      { onStarted: (workerName) => execution.history.add('ActivityStarted', { activityStartedEventDetails: { workerName } }, scheduledId) },
    );

    execution.liveTasks.add(task);
    context.logger.debug('Activity task scheduled', { executionArn: execution.arn, stateName, taskId: task.id });

    const outcome = await task.outcome;
    execution.liveTasks.delete(task);

    switch (outcome.status) {
      case 'succeeded':
        execution.history.add('ActivitySucceeded', { activitySucceededEventDetails: { output: outcome.output, outputDetails: { truncated: false } } });

        return JSON.parse(outcome.output) as never;

      case 'failed':
        execution.history.add('ActivityFailed', { activityFailedEventDetails: { error: outcome.error, cause: outcome.cause } });

        throw new TaskFailedError(outcome.error ?? '', outcome.cause ?? '');

      case 'timed-out':
        execution.history.add('ActivityTimedOut', { activityTimedOutEventDetails: { error: outcome.error } });

        if (outcome.error === 'States.Timeout') {
          return never();
        }

        throw new TaskFailedError(outcome.error, '');

      case 'stopped':
        return never();
    }
  };
}

/** Creates the handler of a Task state Local States cannot run: it fails with `States.TaskFailed`. */
export function createUnsupportedTaskHandler(stateName: string, resource: string, context: TaskHandlerContext) {
  return async (): Promise<never> => {
    await nextTurn();

    const cause = `Local States runs Task states on activity ARNs only; state '${stateName}' uses '${resource}'.`;
    context.logger.warn('Task state resource not supported', { executionArn: context.execution.arn, stateName, resource });

    throw new TaskFailedError('States.TaskFailed', cause);
  };
}
