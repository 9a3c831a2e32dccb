import type { StatesLocal, TaskOutcome, TaskTimeouts } from '@bevault-workers/states-local';

/** One task the load enqueues. */
export interface LoadTask {
  readonly activity: string;
  readonly input: unknown;
  readonly timeouts?: TaskTimeouts;
}

/** Options of {@link SteadyLoad}. */
export interface SteadyLoadOptions {
  readonly states: StatesLocal;
  /** Tasks kept queued or running at Local States: each one that ends is replaced. */
  readonly outstanding: number;
  /** Builds the `index`-th task (0 for the first). */
  readonly nextTask: (index: number) => LoadTask;
}

interface TrackedTask {
  readonly activity: string;
  /** Whether the load replaces the task once it ends. */
  readonly replaced: boolean;
  delivered: boolean;
}

/**
 * Keeps a constant number of tasks outstanding at Local States, as a busy
 * state machine does, and tallies how each one ended. Only the tasks still
 * outstanding are kept in memory, so it can run for a whole soak.
 */
export class SteadyLoad {
  private readonly outstandingTasks = new Set<TrackedTask>();
  private readonly counts = new Map<string, number>();
  private enqueuedCount = 0;
  private answeredCount = 0;
  private running = false;

  constructor(private readonly options: SteadyLoadOptions) {}

  /** Tasks enqueued so far. */
  get enqueued(): number {
    return this.enqueuedCount;
  }

  /** Tasks that ended so far, however they ended. */
  get ended(): number {
    return this.answeredCount;
  }

  /** Fills the outstanding tasks and keeps refilling until {@link SteadyLoad.stop}. */
  start(): void {
    this.running = true;

    const replaced = [...this.outstandingTasks].filter((task) => task.replaced).length;

    for (let count = replaced; count < this.options.outstanding; count += 1) {
      this.enqueueNext();
    }
  }

  /** Stops replacing the tasks that end; those outstanding stay queued or running. */
  stop(): void {
    this.running = false;
  }

  /** Tasks ended so far by outcome, keyed `activity status[ error]`, such as `rel_echo failed Worker.ShuttingDown`. */
  outcomes(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Enqueues one more task, tracked like the others but not replaced when it ends. */
  add(task: LoadTask): void {
    this.enqueue(task, false);
  }

  /** Number of tasks a poll took that have not ended yet, leaving out those of `exceptActivity`. */
  deliveredAndNotEnded(exceptActivity?: string): number {
    return [...this.outstandingTasks].filter((task) => task.delivered && task.activity !== exceptActivity).length;
  }

  /** Number of tasks still queued, never taken by a poll. */
  notDelivered(): number {
    return [...this.outstandingTasks].filter((task) => !task.delivered).length;
  }

  private enqueueNext(): void {
    this.enqueue(this.options.nextTask(this.enqueuedCount), true);
  }

  private enqueue(spec: LoadTask, replaced: boolean): void {
    const tracked: TrackedTask = { activity: spec.activity, replaced, delivered: false };
    this.enqueuedCount += 1;
    this.outstandingTasks.add(tracked);

    const task = this.options.states.enqueueTask(spec.activity, spec.input, spec.timeouts, {
      onStarted: () => {
        tracked.delivered = true;
      },
    });

    void task.outcome.then((outcome) => this.settle(tracked, outcome));
  }

  private settle(tracked: TrackedTask, outcome: TaskOutcome): void {
    this.outstandingTasks.delete(tracked);
    this.answeredCount += 1;

    const key = [tracked.activity, outcome.status, 'error' in outcome ? outcome.error : undefined].filter(Boolean).join(' ');
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);

    if (this.running && tracked.replaced) {
      this.enqueueNext();
    }
  }
}
