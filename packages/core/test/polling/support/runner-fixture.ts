import { RuntimeEvents, type RuntimeEvent } from '../../../src/application/runtime-events';
import { HeartbeatScheduler } from '../../../src/heartbeat/heartbeat-scheduler';
import { AnswerSender } from '../../../src/polling/answer-sender';
import { Backoff } from '../../../src/polling/backoff';
import { TaskRunner } from '../../../src/polling/task-runner';
import type { TaskAnswer } from '../../../src/task/task-answer';
import type { TaskContext } from '../../../src/task/task-context';
import type { TaskPipeline } from '../../../src/task/task-pipeline';
import { captureLogger } from './capture-logger';
import { ScriptedActivityApi } from './scripted-activity-api';

/** A pipeline whose answer the test decides per task. */
export type PipelineBehaviour = (rawInput: string, context: TaskContext) => Promise<TaskAnswer>;

/** A TaskRunner wired to a scripted endpoint and a pipeline the test controls. */
export function runnerFixture(options: { heartbeatMs?: number } = {}) {
  const { logger, entries } = captureLogger();
  const api = new ScriptedActivityApi();
  const events = new RuntimeEvents(logger);
  const seen: RuntimeEvent[] = [];
  events.subscribe({ onEvent: (event) => seen.push(event) });
  const heartbeats = new HeartbeatScheduler({ api, events });
  const answers = new AnswerSender({ api, retryBackoff: new Backoff({ baseMs: 5, maxMs: 20 }) });
  const contexts: TaskContext[] = [];
  let behaviour: PipelineBehaviour = async (rawInput) => ({ kind: 'success', output: rawInput });

  const pipeline: TaskPipeline = {
    workerName: 'resize',
    run: (rawInput, context) => {
      contexts.push(context);
      return behaviour(rawInput, context);
    },
  };

  const runner = new TaskRunner({
    workerName: 'resize',
    activityArn: 'arn:aws:states:us-east-1:123456789012:activity:resize',
    heartbeatMs: options.heartbeatMs ?? 60_000,
    pipeline,
    heartbeats,
    answers,
    events,
    createTaskLogger: () => logger,
  });

  return {
    api,
    logger,
    runner,
    heartbeats,
    events,
    seen,
    entries,
    contexts,
    setBehaviour: (next: PipelineBehaviour) => {
      behaviour = next;
    },
  };
}
