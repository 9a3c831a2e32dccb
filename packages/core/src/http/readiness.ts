import type { ApplicationState } from '../lifecycle/application-state';

/**
 * Whether the application takes tasks, as `/readyz` reports it.
 *
 * @public
 */
export interface Readiness {
  /** True while the activities are registered, the pollers run and no shutdown is under way. */
  readonly ready: boolean;
  readonly state: ApplicationState;
  /** Reason the application is not ready; undefined when it is ready. */
  readonly reason?: string;
}

const notReadyReasons: Readonly<Record<Exclude<ApplicationState, 'running'>, string>> = {
  created: 'The application has not started: nothing polls until listen() or start().',
  starting: 'The activities are being registered; polling has not started.',
  stopping: 'Draining for a shutdown: polling stopped and running tasks are finishing.',
  stopped: 'The application stopped.',
  failed: 'The start failed; the logs give the reason.',
};

/**
 * Derives readiness from the lifecycle state: only `running` is ready,
 * because the application enters it once every activity is registered and
 * every poller started, and leaves it when a shutdown begins.
 *
 * @internal
 */
export function readinessOf(state: ApplicationState): Readiness {
  return state === 'running' ? { ready: true, state } : { ready: false, state, reason: notReadyReasons[state] };
}
