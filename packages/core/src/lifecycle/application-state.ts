import type { Logger } from 'winston';

/**
 * Lifecycle of a `WorkerApplication`:
 *
 * - `created`: configuration, container and pipelines are built; nothing runs.
 * - `starting`: activities are being registered (retried while the endpoint is unreachable).
 * - `running`: pollers and heartbeats run.
 * - `stopping`: a shutdown is in progress; no new GetActivityTask is sent.
 * - `stopped`: everything is closed. Final.
 * - `failed`: the start failed (for example, credentials rejected) and resources were released. Final.
 *
 * @public
 */
export type ApplicationState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

const ALLOWED_TRANSITIONS: Readonly<Record<ApplicationState, readonly ApplicationState[]>> = {
  created: ['starting', 'stopping'],
  starting: ['running', 'stopping', 'failed'],
  running: ['stopping'],
  stopping: ['stopped'],
  stopped: [],
  failed: [],
};

/**
 * Holds the application state; every change goes through {@link ApplicationStateMachine.set},
 * which checks the transition and logs it at info.
 *
 * @internal
 */
export class ApplicationStateMachine {
  private current: ApplicationState = 'created';

  constructor(
    private readonly logger: Logger,
    private readonly onChange: (from: ApplicationState, to: ApplicationState) => void = () => undefined,
  ) {}

  get state(): ApplicationState {
    return this.current;
  }

  /** Moves to `next`; throws on a transition the lifecycle does not allow. */
  set(next: ApplicationState, fields: Record<string, unknown> = {}): void {
    const from = this.current;

    if (!ALLOWED_TRANSITIONS[from].includes(next)) {
      throw new Error(`Invalid application state transition from "${from}" to "${next}".`);
    }

    this.current = next;
    this.logger.info('Application state changed', { from, to: next, ...fields });
    this.onChange(from, next);
  }
}
