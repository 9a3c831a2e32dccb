import { randomUUID } from 'node:crypto';

import { createTaskRunner, shortTaskId, type TaskAbortReason, type TaskContext, type TaskPipeline } from '@bevault-workers/core';
import type { Logger } from 'winston';

import type { CapturedLogs } from '../logging/captured-logs';
import { RecordedServiceCalls, type HeartbeatHook, type SentAnswer } from './recorded-service-calls';
import { RunningTask } from './running-task';
import type { TaskRunOutcome } from './task-run-outcome';

/**
 * Options of `app.run()` and `app.start()`.
 *
 * @public
 */
export interface RunTaskOptions {
  /** Called for each heartbeat the task sends; see {@link HeartbeatHook}. */
  readonly heartbeat?: HeartbeatHook;
  /** Aborting it cancels the task, as `RunningTask.cancel()` does, with the signal's reason as message. */
  readonly signal?: AbortSignal;
}

/** One compiled worker of the testing app. @internal */
export interface CompiledWorker {
  readonly workerName: string;
  readonly activityArn: string;
  readonly heartbeatMs: number;
  readonly pipeline: TaskPipeline;
}

/** Parts of the app that starting a task needs. @internal */
export interface StartTaskContext {
  readonly worker: CompiledWorker;
  readonly logger: Logger;
  readonly logs: CapturedLogs;
}

/**
 * Starts one task through core's task runner, with a recording service in
 * place of Step Functions. The handler's context carries a signal that also
 * aborts on the test's cancellation.
 *
 * @internal
 */
export function startTask(app: StartTaskContext, rawInput: string, options: RunTaskOptions): RunningTask {
  const { worker } = app;
  const taskToken = `bevault-testing:${worker.workerName}:${randomUUID()}`;
  const taskId = shortTaskId(taskToken);
  const calls = new RecordedServiceCalls(taskId, options.heartbeat);
  const cancelController = new AbortController();

  let handlerContext: TaskContext | undefined;
  let pipelineAnswer: Awaited<ReturnType<TaskPipeline['run']>> | undefined;
  const pipeline: TaskPipeline = {
    workerName: worker.workerName,
    run: async (input, runtimeContext) => {
      handlerContext = { ...runtimeContext, signal: AbortSignal.any([runtimeContext.signal, cancelController.signal]) };
      pipelineAnswer = await worker.pipeline.run(input, handlerContext);
      return pipelineAnswer;
    },
  };

  const runner = createTaskRunner({ ...worker, pipeline, calls, logger: app.logger });
  let markSettled!: () => void;
  const handlerSettled = new Promise<void>((resolve) => (markSettled = resolve));

  const outcome = runner.run({ taskToken, input: rawInput }, () => markSettled()).then(() => {
    runner.stop();
    const noAnswer = pipelineAnswer?.kind === 'none' ? pipelineAnswer.reason : undefined;
    return outcomeOf(calls.answer, noAnswer, handlerContext?.signal);
  });

  if (options.signal !== undefined) {
    cancelWith(options.signal, cancelController);
  }

  return new RunningTask({
    workerName: worker.workerName,
    taskToken,
    taskId,
    runner,
    calls,
    cancelController,
    outcome,
    handlerSettled,
    logs: app.logs,
    context: () => handlerContext,
  });
}

function cancelWith(signal: AbortSignal, controller: AbortController): void {
  const cancel = (): void => {
    const reason: TaskAbortReason = { kind: 'cancelled', message: describeReason(signal.reason) };
    controller.abort(reason);
  };

  if (signal.aborted) {
    cancel();
  } else {
    signal.addEventListener('abort', cancel, { once: true });
  }
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) {
    return reason.message;
  }

  return typeof reason === 'string' ? reason : 'The signal passed to the testing app aborted.';
}

function outcomeOf(answer: SentAnswer | undefined, noAnswerReason: string | undefined, signal: AbortSignal | undefined): TaskRunOutcome {
  if (answer?.kind === 'success') {
    return { status: 'succeeded', output: JSON.parse(answer.output) as unknown, rawOutput: answer.output };
  }

  if (answer?.kind === 'failure') {
    return { status: 'failed', error: answer.error, cause: answer.cause };
  }

  const abort = signal?.aborted === true ? (signal.reason as TaskAbortReason) : undefined;
  if (abort?.kind === 'heartbeat-rejected') {
    return { status: 'none', reason: `The service reported the task over (${abort.code}), so no answer was sent.` };
  }

  return { status: 'none', reason: noAnswerReason ?? 'No answer was sent.' };
}
