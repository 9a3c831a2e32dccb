import { createHash } from 'node:crypto';

/**
 * Returns a short, log-safe id for a task: the first 12 hex digits of the
 * SHA-256 of its token. The token itself grants the right to answer the task,
 * so it never appears in logs or errors.
 *
 * @internal
 */
export function taskIdOf(taskToken: string): string {
  return createHash('sha256').update(taskToken).digest('hex').slice(0, 12);
}
