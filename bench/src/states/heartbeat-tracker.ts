import type { TaskListener } from '@bevault-workers/states-local';

import { maximum, percentile } from '../measure/statistics';

/**
 * Records, on the Local States side, when one task was delivered, each
 * heartbeat it received and when it ended, in `performance.now()` milliseconds.
 */
export class HeartbeatTracker {
  deliveredAt: number | undefined;
  endedAt: number | undefined;
  readonly heartbeatTimes: number[] = [];

  readonly listener: TaskListener = {
    onStarted: () => {
      this.deliveredAt = performance.now();
    },
    onHeartbeat: () => {
      this.heartbeatTimes.push(performance.now());
    },
  };

  /**
   * Returns the intervals the task's HeartbeatSeconds timer measures: from
   * delivery to the first heartbeat, between heartbeats, and from the last
   * heartbeat to the end. Empty when the task was never delivered.
   */
  gaps(): number[] {
    if (this.deliveredAt === undefined || this.endedAt === undefined) {
      return [];
    }

    const marks = [this.deliveredAt, ...this.heartbeatTimes, this.endedAt];

    return marks.slice(1).map((mark, index) => mark - marks[index]);
  }
}

/** Heartbeat figures of a batch of tasks, measured on the Local States side. */
export interface HeartbeatSummary {
  readonly heartbeats: number;
  /** Gaps (see {@link HeartbeatTracker.gaps}) longer than `lateAfterMs`. */
  readonly lateGaps: number;
  /** Tasks with at least one late gap. */
  readonly lateTasks: number;
  /** Late gaps by where they fall: delivery to first heartbeat, between heartbeats, last heartbeat to answer. */
  readonly lateGapsAt: { readonly first: number; readonly between: number; readonly last: number };
  readonly lateAfterMs: number;
  readonly gapP50Ms: number;
  readonly gapP99Ms: number;
  readonly gapMaxMs: number;
  /** Time from the first delivery to the last one. */
  readonly deliverySpreadMs: number;
}

/** Summarizes the trackers of a batch; a gap longer than `lateAfterMs` counts as late. */
export function summarizeHeartbeats(trackers: readonly HeartbeatTracker[], lateAfterMs: number): HeartbeatSummary {
  const gapsPerTask = trackers.map((tracker) => tracker.gaps());
  const gaps = gapsPerTask.flat();
  const deliveries = trackers.map((tracker) => tracker.deliveredAt).filter((time): time is number => time !== undefined);

  return {
    heartbeats: trackers.reduce((sum, tracker) => sum + tracker.heartbeatTimes.length, 0),
    lateGaps: gaps.filter((gap) => gap > lateAfterMs).length,
    lateTasks: gapsPerTask.filter((taskGaps) => taskGaps.some((gap) => gap > lateAfterMs)).length,
    lateGapsAt: {
      first: gapsPerTask.filter((taskGaps) => taskGaps.length > 1 && taskGaps[0] > lateAfterMs).length,
      between: gapsPerTask.reduce((sum, taskGaps) => sum + taskGaps.slice(1, -1).filter((gap) => gap > lateAfterMs).length, 0),
      last: gapsPerTask.filter((taskGaps) => taskGaps.length > 0 && taskGaps[taskGaps.length - 1] > lateAfterMs).length,
    },
    lateAfterMs,
    gapP50Ms: gaps.length === 0 ? 0 : percentile(gaps, 0.5),
    gapP99Ms: gaps.length === 0 ? 0 : percentile(gaps, 0.99),
    gapMaxMs: maximum(gaps),
    deliverySpreadMs: deliveries.length === 0 ? 0 : Math.max(...deliveries) - Math.min(...deliveries),
  };
}
