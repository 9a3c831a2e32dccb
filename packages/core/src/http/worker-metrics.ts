import type { StoreRegistry } from '@bevault-workers/stores';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { RuntimeEvent, RuntimeObserver } from '../application/runtime-events';
import { readStoreStatuses } from '../store-sync/store-statuses';
import type { Readiness } from './readiness';

/** Prefix of every metric of the framework. */
const PREFIX = 'bevault_worker_';

/** Upper bounds of the task duration buckets, in seconds: from a quick lookup to a load of an hour. */
const TASK_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * Options of {@link WorkerMetrics}.
 *
 * @internal
 */
export interface WorkerMetricsOptions {
  /** Workers and their slot capacity, so that their series exist from the start. */
  readonly workers: ReadonlyArray<{ readonly name: string; readonly capacity: number }>;
  /** The stores whose health `bevault_worker_store_healthy` reports at each scrape. */
  readonly stores: StoreRegistry;
  /** Readiness at each scrape, for `bevault_worker_ready`. */
  readonly readiness: () => Readiness;
  /**
   * Whether to add prom-client's process and Node.js metrics (`process_*`, `nodejs_*`).
   * @defaultValue true
   */
  readonly processMetrics?: boolean;
}

/**
 * The Prometheus metrics of one application, in a registry of its own (never
 * prom-client's global one). Task, poll, heartbeat and slot metrics follow
 * the runtime events; readiness and store health are read at each scrape.
 *
 * @internal
 */
export class WorkerMetrics implements RuntimeObserver {
  readonly registry = new Registry();

  private readonly tasksStarted = this.counter('tasks_started_total', 'Tasks received from GetActivityTask and started.', ['worker']);
  private readonly tasksSucceeded = this.counter('tasks_succeeded_total', 'Tasks answered with SendTaskSuccess.', ['worker']);
  private readonly tasksFailed = this.counter('tasks_failed_total', 'Tasks answered with SendTaskFailure, by the error code sent.', ['worker', 'error_code']);
  private readonly tasksNotAnswered = this.counter(
    'tasks_not_answered_total',
    'Tasks that needed no answer: the handler returned none, or the service reported the task over (timed out, stopped).',
    ['worker'],
  );
  private readonly answersLost = this.counter('answers_lost_total', 'Tasks whose answer could not be delivered before the retry limit.', ['worker']);
  private readonly taskDuration = new Histogram({
    name: `${PREFIX}task_duration_seconds`,
    help: 'Time from receiving a task until its SendTaskSuccess or SendTaskFailure call ended (or no answer was due), in seconds, by outcome.',
    labelNames: ['worker', 'outcome'],
    buckets: TASK_DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly pollsSent = this.counter('polls_total', 'GetActivityTask calls sent.', ['worker']);
  private readonly emptyPolls = this.counter('polls_empty_total', 'GetActivityTask calls that returned no task at the end of their hold.', ['worker']);
  private readonly pollErrors = this.counter('poll_errors_total', 'GetActivityTask calls that failed, by error code.', ['worker', 'error_code']);
  private readonly pollsInFlight = this.gauge('polls_in_flight', 'GetActivityTask calls waiting for their reply.', ['worker']);
  private readonly heartbeatFailures = this.counter(
    'heartbeat_failures_total',
    'SendTaskHeartbeat calls that failed, by error code (TaskTimedOut means the task is over).',
    ['worker', 'error_code'],
  );
  private readonly slotsInUse = this.gauge('slots_in_use', 'Slots taken by polls in flight and running tasks.', ['worker']);
  private readonly slotCapacity = this.gauge('slots', 'Slots of the worker: its concurrency.', ['worker']);
  private readonly storeSyncFailures = this.counter('store_sync_failures_total', 'Failed store sync calls to States, by operation and error code.', [
    'operation',
    'error_code',
  ]);

  constructor(private readonly options: WorkerMetricsOptions) {
    for (const worker of options.workers) {
      this.tasksStarted.inc({ worker: worker.name }, 0);
      this.tasksSucceeded.inc({ worker: worker.name }, 0);
      this.pollsSent.inc({ worker: worker.name }, 0);
      this.emptyPolls.inc({ worker: worker.name }, 0);
      this.pollsInFlight.set({ worker: worker.name }, 0);
      this.slotsInUse.set({ worker: worker.name }, 0);
      this.slotCapacity.set({ worker: worker.name }, worker.capacity);
    }

    this.defineScrapedGauges();

    if (options.processMetrics ?? true) {
      // NOTE: prom-client 15 offers no way to release the GC observer and the
      // event-loop monitor this starts, so they stay until the process exits.
      collectDefaultMetrics({ register: this.registry });
    }
  }

  onEvent(event: RuntimeEvent): void {
    switch (event.type) {
      case 'poll-sent':
        this.pollsSent.inc({ worker: event.workerName });
        this.pollsInFlight.set({ worker: event.workerName }, event.pollsInFlight);
        break;
      case 'poll-returned':
        this.pollsInFlight.set({ worker: event.workerName }, event.pollsInFlight);
        if (event.result === 'empty') this.emptyPolls.inc({ worker: event.workerName });
        if (event.result === 'error') this.pollErrors.inc({ worker: event.workerName, error_code: event.errorCode ?? 'Unknown' });
        break;
      case 'task-started':
        this.tasksStarted.inc({ worker: event.workerName });
        break;
      case 'task-finished':
        this.countFinishedTask(event);
        break;
      case 'heartbeat-failed':
        this.heartbeatFailures.inc({ worker: event.workerName, error_code: event.errorCode });
        break;
      case 'slots-changed':
        this.slotsInUse.set({ worker: event.workerName }, event.inUse);
        this.slotCapacity.set({ worker: event.workerName }, event.capacity);
        break;
      case 'state-changed':
        break;
    }
  }

  /** Counts a failed store sync call. */
  countStoreSyncFailure(operation: string, errorCode: string): void {
    this.storeSyncFailures.inc({ operation, error_code: errorCode });
  }

  /** Renders every metric in the Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private countFinishedTask(event: Extract<RuntimeEvent, { type: 'task-finished' }>): void {
    const worker = event.workerName;
    this.taskDuration.observe({ worker, outcome: event.outcome }, event.durationMs / 1000);

    switch (event.outcome) {
      case 'succeeded':
        this.tasksSucceeded.inc({ worker });
        break;
      case 'failed':
        this.tasksFailed.inc({ worker, error_code: event.errorCode ?? 'Unknown' });
        break;
      case 'not-answered':
        this.tasksNotAnswered.inc({ worker });
        break;
      case 'answer-lost':
        this.answersLost.inc({ worker });
        break;
    }
  }

  /** Gauges whose value is read when Prometheus scrapes. */
  private defineScrapedGauges(): void {
    const { stores, readiness } = this.options;

    new Gauge({
      name: `${PREFIX}ready`,
      help: '1 when /readyz returns 200 (activities registered, pollers running, not draining), else 0.',
      registers: [this.registry],
      collect() {
        this.set(readiness().ready ? 1 : 0);
      },
    });

    new Gauge({
      name: `${PREFIX}store_healthy`,
      help: '1 when the last health check of the store passed (status Success), else 0; status is Success, Error, Disabled (no health check) or Unknown (not checked yet).',
      labelNames: ['store', 'source', 'status'],
      registers: [this.registry],
      collect() {
        // Series of removed stores and of former statuses must disappear.
        this.reset();

        for (const status of readStoreStatuses(stores)) {
          this.set({ store: status.registryName, source: status.source, status: status.status }, status.status === 'Success' ? 1 : 0);
        }
      },
    });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name: `${PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name: `${PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }
}
