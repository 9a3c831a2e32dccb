import type { ActivityCounters, TaskTimeouts } from '@bevault-workers/states-local';

import type { HeartbeatSummary } from './heartbeat-tracker';

/** A batch of identical tasks queued at once on one activity. */
export interface BatchRequest {
  readonly activityName: string;
  readonly tasks: number;
  /** Task input, serialized to JSON. @default {} */
  readonly input?: unknown;
  readonly timeouts?: TaskTimeouts;
  /** When set, heartbeat gaps are measured per task and a gap longer than this counts as late, in milliseconds. */
  readonly lateHeartbeatAfterMs?: number;
}

/** What Local States saw of a batch, from the first enqueue to the last outcome. */
export interface BatchReport {
  readonly tasks: number;
  readonly elapsedMs: number;
  /** CPU time of the Local States process during the batch, in microseconds. */
  readonly cpuMicros: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly stopped: number;
  /** Tasks delivered to a poll whose client had closed its connection. */
  readonly lost: number;
  readonly heartbeats?: HeartbeatSummary;
}

/** Commands of the Local States child process. */
export interface StatesCommands {
  [command: string]: (argument: never) => unknown;
  start(options: { pollHoldMs: number }): Promise<{ url: string }>;
  createActivity(name: string): string;
  runBatch(request: BatchRequest): Promise<BatchReport>;
  /** Resolves once `polls` GetActivityTask calls of the activity are held. */
  waitForPolls(request: { activityName: string; polls: number; timeoutMs: number }): Promise<void>;
  cpuMicros(): number;
  counters(activityName: string): ActivityCounters;
}
