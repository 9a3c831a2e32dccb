import type { Logger } from 'winston';

import type { ActivityApi } from '../client/activity-api';
import type { HeartbeatScheduler } from '../heartbeat/heartbeat-scheduler';
import { createTaskLogger } from '../logging/task-logger';
import { ActivityPoller } from '../polling/activity-poller';
import type { AnswerSender } from '../polling/answer-sender';
import { TaskRunner } from '../polling/task-runner';
import type { WorkerRuntime } from '../shutdown/drain-workers';
import type { WorkerPlan } from './bootstrap';
import type { RuntimeEvents } from './runtime-events';

/**
 * Services shared by the pollers and task runners of all workers.
 *
 * @internal
 */
export interface SharedRuntime {
  readonly api: ActivityApi;
  readonly heartbeats: HeartbeatScheduler;
  readonly answers: AnswerSender;
  readonly events: RuntimeEvents;
  readonly logger: Logger;
}

/**
 * Builds the poller and the task runner of each worker, once its activity ARN is known.
 *
 * @internal
 */
export function buildWorkerRuntimes(plans: readonly WorkerPlan[], arns: ReadonlyMap<string, string>, shared: SharedRuntime): WorkerRuntime[] {
  return plans.map((plan) => {
    const workerName = plan.definition.name;
    const activityArn = arns.get(plan.activityName);

    if (activityArn === undefined) {
      throw new Error(`No activity ARN was registered for activity "${plan.activityName}".`);
    }

    const runner = new TaskRunner({
      workerName,
      activityArn,
      heartbeatMs: plan.settings.heartbeatMs,
      pipeline: plan.pipeline,
      heartbeats: shared.heartbeats,
      answers: shared.answers,
      events: shared.events,
      createTaskLogger: (taskToken) => createTaskLogger(shared.logger, { workerName, activityArn, taskToken }),
    });

    const poller = new ActivityPoller({
      workerName,
      activityArn,
      concurrency: plan.settings.concurrency,
      maxPollers: plan.settings.maxPollers,
      api: shared.api,
      runner,
      events: shared.events,
      logger: shared.logger,
    });

    return { workerName, activityArn, poller, runner };
  });
}
