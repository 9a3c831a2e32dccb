/**
 * `error` sent with SendTaskFailure when a running task is cut by a shutdown
 * (grace period over, or a second signal). A state machine can Retry on it.
 *
 * @public
 */
export const SHUTTING_DOWN_ERROR = 'Worker.ShuttingDown';

/**
 * `error` sent with SendTaskFailure when the service rejected the task's own
 * answer (for example InvalidOutput), so that the task still ends at once.
 *
 * @public
 */
export const ANSWER_REJECTED_ERROR = 'Worker.AnswerRejected';
