import type { TaskAbortReason } from '@bevault-workers/core';

/**
 * Thrown by `RunningTask.handlerStopped()` when the handler has neither
 * returned nor thrown within the time allowed, typically because it ignores
 * `context.signal`.
 *
 * @public
 */
export class HandlerStillRunningError extends Error {
  override readonly name = 'HandlerStillRunningError';

  constructor(
    readonly workerName: string,
    readonly taskId: string,
    readonly timeoutMs: number,
    readonly abortReason: TaskAbortReason | undefined,
  ) {
    const signal = abortReason === undefined ? 'its signal was not aborted' : `its signal was aborted (${abortReason.kind}) and it did not stop`;
    super(
      `The handler of worker '${workerName}' (task ${taskId}) was still running ${timeoutMs} ms later: ${signal}. ` +
        'Check context.signal.aborted between steps, or pass context.signal to the calls that accept one.',
    );
  }
}
