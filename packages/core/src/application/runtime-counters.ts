import type { RuntimeEvent, RuntimeObserver } from './runtime-events';

/**
 * Counters and gauges of one worker since the application was created.
 *
 * @public
 */
export interface WorkerCounters {
  readonly tasksStarted: number;
  readonly tasksSucceeded: number;
  /** Tasks answered with SendTaskFailure, by `error` code. */
  readonly tasksFailedByCode: Readonly<Record<string, number>>;
  /** Tasks that needed no answer: the pipeline returned none, or the service reported the task over. */
  readonly tasksNotAnswered: number;
  /** Tasks whose answer could not be delivered. */
  readonly answersLost: number;
  /** Sum of the durations of finished tasks, in milliseconds. */
  readonly taskDurationMsTotal: number;
  /** Maximum duration of a finished task, in milliseconds. */
  readonly taskDurationMsMax: number;
  readonly pollsSent: number;
  readonly emptyPolls: number;
  /** Failed polls, by error code. */
  readonly pollErrorsByCode: Readonly<Record<string, number>>;
  /** GetActivityTask calls in flight now. */
  readonly pollsInFlight: number;
  /** Highest number of GetActivityTask calls in flight at once. */
  readonly maxPollsInFlight: number;
  /** Slots taken now by polls and running tasks. */
  readonly slotsInUse: number;
  readonly slotCapacity: number;
  /** Failed heartbeats, including those that reported the task over. */
  readonly heartbeatFailures: number;
}

type MutableCounters = { -readonly [K in keyof WorkerCounters]: WorkerCounters[K] } & {
  tasksFailedByCode: Record<string, number>;
  pollErrorsByCode: Record<string, number>;
};

function zero(): MutableCounters {
  return {
    tasksStarted: 0,
    tasksSucceeded: 0,
    tasksFailedByCode: {},
    tasksNotAnswered: 0,
    answersLost: 0,
    taskDurationMsTotal: 0,
    taskDurationMsMax: 0,
    pollsSent: 0,
    emptyPolls: 0,
    pollErrorsByCode: {},
    pollsInFlight: 0,
    maxPollsInFlight: 0,
    slotsInUse: 0,
    slotCapacity: 0,
    heartbeatFailures: 0,
  };
}

/**
 * Observer that keeps {@link WorkerCounters} per worker; read with {@link RuntimeCounters.snapshot}.
 *
 * @internal
 */
export class RuntimeCounters implements RuntimeObserver {
  private readonly byWorker = new Map<string, MutableCounters>();

  onEvent(event: RuntimeEvent): void {
    // Application-wide events carry no worker.
    if (event.type === 'state-changed') {
      return;
    }

    const counters = this.countersOf(event.workerName);

    switch (event.type) {
      case 'poll-sent':
        counters.pollsSent += 1;
        counters.pollsInFlight = event.pollsInFlight;
        counters.maxPollsInFlight = Math.max(counters.maxPollsInFlight, event.pollsInFlight);
        break;
      case 'poll-returned':
        counters.pollsInFlight = event.pollsInFlight;
        if (event.result === 'empty') counters.emptyPolls += 1;
        if (event.result === 'error') increment(counters.pollErrorsByCode, event.errorCode ?? 'Unknown');
        break;
      case 'task-started':
        counters.tasksStarted += 1;
        break;
      case 'task-finished':
        countFinishedTask(counters, event);
        break;
      case 'heartbeat-failed':
        counters.heartbeatFailures += 1;
        break;
      case 'slots-changed':
        counters.slotsInUse = event.inUse;
        counters.slotCapacity = event.capacity;
        break;
    }
  }

  /** Copies the counters of every worker seen so far, by worker name. */
  snapshot(): Record<string, WorkerCounters> {
    const copy: Record<string, WorkerCounters> = {};

    for (const [workerName, counters] of this.byWorker) {
      copy[workerName] = { ...counters, tasksFailedByCode: { ...counters.tasksFailedByCode }, pollErrorsByCode: { ...counters.pollErrorsByCode } };
    }

    return copy;
  }

  /** Registers a worker so that it appears in snapshots before its first event. */
  addWorker(workerName: string, slotCapacity: number): void {
    this.countersOf(workerName).slotCapacity = slotCapacity;
  }

  private countersOf(workerName: string): MutableCounters {
    let counters = this.byWorker.get(workerName);

    if (counters === undefined) {
      counters = zero();
      this.byWorker.set(workerName, counters);
    }

    return counters;
  }
}

function countFinishedTask(counters: MutableCounters, event: Extract<RuntimeEvent, { type: 'task-finished' }>): void {
  counters.taskDurationMsTotal += event.durationMs;
  counters.taskDurationMsMax = Math.max(counters.taskDurationMsMax, event.durationMs);

  switch (event.outcome) {
    case 'succeeded':
      counters.tasksSucceeded += 1;
      break;
    case 'failed':
      increment(counters.tasksFailedByCode, event.errorCode ?? 'Unknown');
      break;
    case 'not-answered':
      counters.tasksNotAnswered += 1;
      break;
    case 'answer-lost':
      counters.answersLost += 1;
      break;
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
