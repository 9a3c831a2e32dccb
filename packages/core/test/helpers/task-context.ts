import type { Logger } from 'winston';

import type { TaskContext } from '../../src/index';

/** Builds a task context as the runtime does, with a controller to abort its signal. */
export function createTestContext(logger: Logger, workerName = 'test_worker'): { context: TaskContext; controller: AbortController } {
  const controller = new AbortController();
  const context: TaskContext = {
    taskId: 'a1b2c3d4e5f6',
    workerName,
    activityArn: `arn:aws:states:us-east-1:123456789012:activity:${workerName}`,
    signal: controller.signal,
    logger,
    receivedAt: new Date(),
    heartbeat: async () => undefined,
  };

  return { context, controller };
}
