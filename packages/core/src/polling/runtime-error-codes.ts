/**
 * `error` codes the runtime sends with SendTaskFailure besides those of the
 * task pipeline (`WorkerErrorCodes`).
 *
 * @public
 */
export const RuntimeErrorCodes = {
  /** The service rejected the task's own answer (for example InvalidOutput), so a failure was sent instead. */
  answerRejected: 'Worker.AnswerRejected',
  /** The task pipeline rejected instead of returning an answer; a defect of the framework. */
  internalError: 'Worker.InternalError',
} as const;
