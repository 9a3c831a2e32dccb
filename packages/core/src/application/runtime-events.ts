import type { Logger } from 'winston';

import type { ApplicationState } from '../lifecycle/application-state';

/**
 * How a task ended from the runtime's side.
 *
 * - `succeeded`: SendTaskSuccess was accepted.
 * - `failed`: SendTaskFailure was accepted (the handler failed, the input was
 *   invalid, or the task was cut by shutdown with `Worker.ShuttingDown`).
 * - `not-answered`: no answer was due, because the pipeline returned none or
 *   the service reported the task over (timed out, stopped, unknown token).
 * - `answer-lost`: the answer could not be delivered before the retry limit;
 *   the service ends the task at its timeout.
 *
 * @public
 */
export type TaskRunOutcome = 'succeeded' | 'failed' | 'not-answered' | 'answer-lost';

/**
 * What the runtime reports to observers, for metrics. Every event carries the
 * worker name (the `@Worker` name, without the environment prefix) except the
 * application-wide `state-changed`.
 *
 * @public
 */
export type RuntimeEvent =
  | { readonly type: 'poll-sent'; readonly workerName: string; readonly pollsInFlight: number }
  | {
      readonly type: 'poll-returned';
      readonly workerName: string;
      readonly result: 'task' | 'empty' | 'error';
      /** Error code when `result` is `error`. */
      readonly errorCode?: string;
      readonly pollsInFlight: number;
    }
  | { readonly type: 'task-started'; readonly workerName: string; readonly taskId: string }
  | {
      readonly type: 'task-finished';
      readonly workerName: string;
      readonly taskId: string;
      readonly outcome: TaskRunOutcome;
      /** `error` sent with SendTaskFailure, when `outcome` is `failed`. */
      readonly errorCode?: string;
      readonly durationMs: number;
    }
  | {
      readonly type: 'heartbeat-failed';
      readonly workerName: string;
      readonly taskId: string;
      readonly errorCode: string;
      /** True when the failure ended the task (TaskTimedOut, TaskDoesNotExist, InvalidToken). */
      readonly taskOver: boolean;
    }
  | { readonly type: 'slots-changed'; readonly workerName: string; readonly inUse: number; readonly capacity: number }
  | { readonly type: 'state-changed'; readonly from: ApplicationState; readonly to: ApplicationState };

/**
 * Receives runtime events synchronously, on the runtime's own call path: keep
 * it cheap (increment a counter, set a gauge). An observer that throws is
 * logged and does not disturb the runtime.
 *
 * @public
 */
export interface RuntimeObserver {
  onEvent(event: RuntimeEvent): void;
}

/**
 * Fans runtime events out to the subscribed observers.
 *
 * @internal
 */
export class RuntimeEvents {
  private readonly observers = new Set<RuntimeObserver>();

  constructor(private readonly logger: Logger) {}

  /** Adds an observer; returns the function that removes it. */
  subscribe(observer: RuntimeObserver): () => void {
    this.observers.add(observer);

    return () => {
      this.observers.delete(observer);
    };
  }

  emit(event: RuntimeEvent): void {
    for (const observer of this.observers) {
      try {
        observer.onEvent(event);
      } catch (error) {
        this.logger.warn('Runtime observer threw; event skipped for it', { eventType: event.type, error: String(error) });
      }
    }
  }
}
