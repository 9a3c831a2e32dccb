/**
 * Counters of the activity API, for one activity or for the whole endpoint.
 * Every field counts since start, except the `tasksPending`, `tasksRunning`
 * and `pollsInFlight` gauges.
 *
 * @public
 */
export interface ActivityCounters {
  /** Tasks queued, by an execution or by `enqueueTask`. */
  tasksEnqueued: number;
  /** Tasks handed to a GetActivityTask poll, including lost ones. */
  tasksDelivered: number;
  /** Tasks answered with SendTaskSuccess. */
  tasksSucceeded: number;
  /** Tasks answered with SendTaskFailure. */
  tasksFailed: number;
  /** Tasks that ended with `States.Timeout` or `States.HeartbeatTimeout`. */
  tasksTimedOut: number;
  /** Tasks delivered to a poll whose client had already closed its connection. */
  tasksLost: number;
  /** Tasks queued and not yet delivered. */
  tasksPending: number;
  /** Tasks delivered and not yet ended. */
  tasksRunning: number;
  /** SendTaskHeartbeat calls accepted. */
  heartbeatsReceived: number;
  /** GetActivityTask calls accepted. */
  pollsReceived: number;
  /** GetActivityTask calls being held now. */
  pollsInFlight: number;
  /** Highest value `pollsInFlight` reached. */
  maxPollsInFlight: number;
  /** GetActivityTask calls that ended without a task. */
  emptyPolls: number;
  /** Requests received per operation name, including rejected ones. */
  requests: Record<string, number>;
}

type NumericCounter = Exclude<keyof ActivityCounters, 'requests'>;

/** Mutable counter set that hands out snapshots. */
export class CounterSet {
  private readonly values: ActivityCounters = CounterSet.zero();
  /** Kept in a Map, so that any operation name counts as data and never reaches Object.prototype. */
  private readonly requests = new Map<string, number>();

  static zero(): ActivityCounters {
    return {
      tasksEnqueued: 0,
      tasksDelivered: 0,
      tasksSucceeded: 0,
      tasksFailed: 0,
      tasksTimedOut: 0,
      tasksLost: 0,
      tasksPending: 0,
      tasksRunning: 0,
      heartbeatsReceived: 0,
      pollsReceived: 0,
      pollsInFlight: 0,
      maxPollsInFlight: 0,
      emptyPolls: 0,
      requests: {},
    };
  }

  add(counter: NumericCounter, delta = 1): void {
    this.values[counter] += delta;

    if (counter === 'pollsInFlight' && this.values.pollsInFlight > this.values.maxPollsInFlight) {
      this.values.maxPollsInFlight = this.values.pollsInFlight;
    }
  }

  countRequest(operation: string): void {
    this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
  }

  snapshot(): ActivityCounters {
    return { ...this.values, requests: Object.fromEntries(this.requests) };
  }
}
