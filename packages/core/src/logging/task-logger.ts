import { createHash } from 'node:crypto';

import type { Logger } from 'winston';

/** Hex characters kept from the token's hash. */
const taskIdLength = 12;

/**
 * Returns a short, log-safe identifier of a task: the first 12 hex characters
 * of the SHA-256 of its task token. The same token always gives the same id,
 * and the token cannot be recovered from it.
 *
 * @public
 */
export function shortTaskId(taskToken: string): string {
  return createHash('sha256').update(taskToken).digest('hex').slice(0, taskIdLength);
}

/**
 * Identity of a task, for its child logger.
 *
 * @public
 */
export interface TaskLogFields {
  readonly workerName: string;
  readonly activityArn: string;
  /** The task token; only its {@link shortTaskId} is logged. */
  readonly taskToken: string;
}

/**
 * Creates the child logger of one task, whose entries carry `worker`,
 * `activityArn` and `taskId` (never the task token).
 *
 * @public
 */
export function createTaskLogger(logger: Logger, task: TaskLogFields): Logger {
  return logger.child({ worker: task.workerName, activityArn: task.activityArn, taskId: shortTaskId(task.taskToken) });
}
