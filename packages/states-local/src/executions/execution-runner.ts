import { setTimeout as delay } from 'node:timers/promises';

import type { ActivityService } from '../activities/activity-service';
import type { StatesLocalLogger } from '../logging/logger';
import { Limits } from '../protocol/limits';
import { createActivityTaskHandler, createUnsupportedTaskHandler, type TaskHandlerContext } from './activity-task-handler';
import type { Execution, ExecutionEnd } from './execution';
import { loadInterpreter } from './interpreter';
import type { StateMachineRecord } from './state-machine-registry';

/** Maximum wait for the interpreter's event log to drain after the run settles, in milliseconds. */
const HISTORY_DRAIN_MS = 100;

/** Dependencies of an execution run. */
export interface RunnerContext {
  activities: ActivityService;
  logger: StatesLocalLogger;
}

/**
 * Runs an execution to its end in the interpreter: every Task state gets a
 * handler, interpreter events go to the history, and the end is recorded.
 */
export async function runExecution(execution: Execution, machine: StateMachineRecord, context: RunnerContext): Promise<void> {
  const interpreter = await loadInterpreter();
  const handlerContext: TaskHandlerContext = { execution, activities: context.activities, logger: context.logger };
  const handlers: Record<string, (input: unknown) => Promise<never>> = {};

  for (const [stateName, state] of machine.prepared.activityStates) {
    handlers[stateName] = createActivityTaskHandler(stateName, state, handlerContext);
  }

  for (const [stateName, resource] of machine.prepared.otherTaskStates) {
    handlers[stateName] = createUnsupportedTaskHandler(stateName, resource, handlerContext);
  }

  const stateMachine = new interpreter.StateMachine(machine.prepared.interpreterDefinition as never, { validationOptions: { noValidate: true } });

  execution.history.add('ExecutionStarted', {
    executionStartedEventDetails: { input: execution.input, inputDetails: { truncated: false }, roleArn: machine.roleArn },
  });

  const run = stateMachine.run(JSON.parse(execution.input), {
    overrides: { taskResourceLocalHandlers: handlers as never },
    context: {
      Execution: { Id: execution.arn, Name: execution.name, RoleArn: machine.roleArn, StartTime: execution.startDate.toISOString() },
      StateMachine: { Id: machine.arn, Name: machine.name },
    },
  });

  execution.abortRun = run.abort;

  const historyCopied = copyEvents(run.eventLogs, execution);
  const end = await settle(run.result, interpreter);

  // The interpreter queues its last events before settling; this bound only
  // guards against an event log that never closes.
  await Promise.race([historyCopied, delay(HISTORY_DRAIN_MS)]);
  finishExecution(execution, end, context);
}

/**
 * Ends an execution: records the end, its history event, and stops the
 * activity tasks it left running. A no-op when it had already ended.
 */
export function finishExecution(execution: Execution, end: ExecutionEnd, context: RunnerContext): void {
  if (!execution.finish(end)) {
    return;
  }

  switch (end.status) {
    case 'SUCCEEDED':
      execution.history.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: end.output, outputDetails: { truncated: false } } });
      break;

    case 'FAILED':
      execution.history.add('ExecutionFailed', { executionFailedEventDetails: { error: end.error, cause: end.cause } });
      break;

    case 'TIMED_OUT':
      execution.history.add('ExecutionTimedOut', { executionTimedOutEventDetails: { error: end.error, cause: end.cause } });
      break;

    case 'ABORTED':
      execution.history.add('ExecutionAborted', { executionAbortedEventDetails: { error: end.error, cause: end.cause } });
      execution.abortRun();
      break;
  }

  for (const task of [...execution.liveTasks]) {
    context.activities.stopTask(task);
  }

  execution.liveTasks.clear();
  context.logger.info('Execution ended', { executionArn: execution.arn, status: end.status, error: end.error });
}

async function copyEvents(events: AsyncGenerator<{ type: string }>, execution: Execution): Promise<void> {
  for await (const event of events) {
    execution.history.addInterpreterEvent(event as never);

    if (event.type === 'ExecutionSucceeded' || event.type === 'ExecutionFailed' || event.type === 'ExecutionTimeout' || event.type === 'ExecutionAborted') {
      return;
    }
  }
}

async function settle(result: Promise<unknown>, interpreter: Awaited<ReturnType<typeof loadInterpreter>>): Promise<ExecutionEnd> {
  try {
    const output = JSON.stringify((await result) ?? null);

    if (Buffer.byteLength(output, 'utf8') > Limits.payloadBytes) {
      return { status: 'FAILED', error: 'States.DataLimitExceeded', cause: `The execution output of ${Buffer.byteLength(output, 'utf8')} bytes exceeds the limit of ${Limits.payloadBytes} bytes.` };
    }

    return { status: 'SUCCEEDED', output };
  } catch (error) {
    if (error instanceof interpreter.ExecutionTimeoutError) {
      return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds.' };
    }

    if (error instanceof interpreter.ExecutionAbortedError) {
      return { status: 'ABORTED' };
    }

    const failure = error instanceof interpreter.ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);

    return { status: 'FAILED', error: failure.name || undefined, cause: failureCause(failure) };
  }
}

function failureCause(failure: Error): string | undefined {
  const cause = (failure as Error & { cause?: unknown }).cause;

  if (typeof cause === 'string') {
    return cause;
  }

  return failure.message || undefined;
}
