import { describeError, type StoreLogger } from '../logging/store-logger';
import type { Store } from '../stores/store';
import type { StoreEntry } from './store-entry';

/** Result of the health checks of one store. @public */
export interface StoreHealth {
  /** `unknown` until the first check completes. */
  readonly state: 'unknown' | 'healthy' | 'unhealthy';

  /** When the last check completed. */
  readonly checkedAt?: Date;

  /** Message of the last failure, while unhealthy. */
  readonly error?: string;

  /** Failed checks in a row. */
  readonly consecutiveFailures: number;
}

interface ScheduledCheck {
  readonly store: Store;
  readonly timer: NodeJS.Timeout;

  /** The check in progress, if any. */
  running: Promise<void> | undefined;
}

/**
 * Pings the stores whose definition enables health checks, each on its own interval, and logs
 * every change of state: `Store health check passed` at info when a store becomes healthy,
 * `Store health check failed` at warn when it becomes unhealthy. Repeated failures are logged at
 * debug with their count. Timers are unref'd, so they never keep the process alive.
 * @internal
 */
export class StoreHealthChecker {
  private readonly scheduled = new Map<string, ScheduledCheck>();
  private readonly health = new Map<string, StoreHealth>();

  constructor(private readonly logger: StoreLogger) {}

  /** Schedules the entries with health checks enabled, replacing the previous schedule. */
  schedule(entries: Iterable<StoreEntry>): void {
    this.stop();

    const names = new Set<string>();
    for (const entry of entries) {
      const { definition, store } = entry;
      if (!definition.healthCheck || store === undefined) {
        continue;
      }

      names.add(definition.name);
      const check: ScheduledCheck = {
        store,
        running: undefined,
        timer: setInterval(() => void this.run(check), definition.healthCheckDelaySeconds * 1000),
      };
      check.timer.unref();
      this.scheduled.set(definition.name, check);
      void this.run(check);
    }

    for (const name of this.health.keys()) {
      if (!names.has(name)) {
        this.health.delete(name);
      }
    }
  }

  /** Cancels every scheduled check. Checks already running complete. */
  stop(): void {
    for (const check of this.scheduled.values()) {
      clearInterval(check.timer);
    }
    this.scheduled.clear();
  }

  /** Health of the checked stores, by store name. */
  snapshot(): Map<string, StoreHealth> {
    return new Map(this.health);
  }

  /**
   * Runs the checks of the named stores now, or waits for the check already in progress, and
   * resolves once they completed. Names without a scheduled check are skipped.
   */
  async checkNow(names: Iterable<string>): Promise<void> {
    const runs: Promise<void>[] = [];
    for (const name of names) {
      const check = this.scheduled.get(name);
      if (check !== undefined) {
        runs.push(this.run(check));
      }
    }
    await Promise.all(runs);
  }

  private run(check: ScheduledCheck): Promise<void> {
    // A slow server must not pile up pings: a tick during a check shares that check.
    check.running ??= this.ping(check).finally(() => {
      check.running = undefined;
    });
    return check.running;
  }

  private async ping(check: ScheduledCheck): Promise<void> {
    const name = check.store.name;
    const started = Date.now();
    try {
      await check.store.ping();
      this.record(name, { state: 'healthy', checkedAt: new Date(), consecutiveFailures: 0 }, Date.now() - started);
    } catch (error) {
      const previousFailures = this.health.get(name)?.consecutiveFailures ?? 0;
      this.record(
        name,
        { state: 'unhealthy', checkedAt: new Date(), error: describeError(error), consecutiveFailures: previousFailures + 1 },
        Date.now() - started,
      );
    }
  }

  private record(name: string, health: StoreHealth, durationMs: number): void {
    const previous = this.health.get(name);
    this.health.set(name, health);

    if (previous?.state === health.state) {
      if (health.state === 'unhealthy') {
        this.logger.debug('Store health check still failing', { store: name, consecutiveFailures: health.consecutiveFailures, error: health.error });
      }
      return;
    }

    if (health.state === 'healthy') {
      this.logger.info('Store health check passed', { store: name, previousState: previous?.state ?? 'unknown', durationMs });
    } else {
      this.logger.warn('Store health check failed', { store: name, previousState: previous?.state ?? 'unknown', error: health.error, durationMs });
    }
  }
}
