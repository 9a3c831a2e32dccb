import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ChildExit } from '../child/child-app';
import { waitFor } from '../child/wait-for';
import type { Harness } from '../harness/harness';
import { mixedLoadFilePath, mixedLoadTask } from '../load/mixed-load';
import { SteadyLoad } from '../load/steady-load';
import { fitLinearTrend } from '../metrics/linear-trend';
import { memorySampleMessage, type MemorySample } from '../metrics/memory-sample';

/** Options of {@link runMemorySoak}. */
export interface MemorySoakOptions {
  /** Length of the load, in milliseconds. */
  readonly durationMs: number;
  /** Interval of the memory samples, in milliseconds. @defaultValue 5000 */
  readonly sampleMs?: number;
  /** Samples taken before this time are left out of the trend, in milliseconds. @defaultValue 10 % of the duration */
  readonly warmupMs?: number;
  /** Tasks kept outstanding. @defaultValue 8 */
  readonly outstanding?: number;
  /** Share of calls that get a throttling or connection-reset fault. @defaultValue 0.02 */
  readonly faultShare?: number;
}

/** Trend of one memory figure over the samples after the warm-up. */
export interface MemoryTrend {
  /** Least-squares slope, in bytes per minute. */
  readonly slopeBytesPerMinute: number;
  /** Slopes over the first and the second half of the samples, in bytes per minute: warm-up slows down, a leak does not. */
  readonly halfSlopesBytesPerMinute: readonly [number, number];
  /** Share of the variance the line explains (0 to 1); a low value means the slope is noise. */
  readonly rSquared: number;
  /** Mean of the first five samples after the warm-up, in bytes. */
  readonly startBytes: number;
  /** Mean of the last five samples, in bytes. */
  readonly endBytes: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

/** Figures of a memory soak. */
export interface MemorySoakReport {
  readonly durationMs: number;
  readonly sampleMs: number;
  readonly warmupMs: number;
  readonly samples: readonly MemorySample[];
  readonly rss: MemoryTrend;
  readonly heapUsed: MemoryTrend;
  readonly tasksEnded: number;
  readonly tasksPerSecond: number;
  readonly outcomes: Record<string, number>;
  readonly tasksLost: number;
  readonly uncaughtErrors: number;
  readonly exit: ChildExit;
}

/**
 * Runs the suite's application under the mixed load for `durationMs`, with
 * `--expose-gc` so that every memory sample follows a full garbage
 * collection, and a light share of throttling and connection resets so the
 * retry paths run too. Fits a least-squares line to RSS and retained heap
 * after the warm-up.
 */
export async function runMemorySoak(harness: Harness, options: MemorySoakOptions): Promise<MemorySoakReport> {
  const sampleMs = options.sampleMs ?? 5_000;
  const warmupMs = options.warmupMs ?? Math.round(options.durationMs / 10);
  const samples: MemorySample[] = [];

  const sampleFile = join(harness.dataDirectory, 'files', mixedLoadFilePath);
  await mkdir(dirname(sampleFile), { recursive: true });
  await writeFile(sampleFile, 'id;name\n1;one\n2;two\n');

  const child = harness.startApp({
    label: 'soak',
    keepLines: false,
    nodeFlags: ['--expose-gc'],
    extra: { RELIABILITY_MEMORY_SAMPLE_MS: String(sampleMs) },
    onLine: (line) => {
      if (line.message === memorySampleMessage) {
        samples.push(line as unknown as MemorySample);
      }
    },
  });
  await waitForFirstSample(samples, child.exited);

  const faultShare = options.faultShare ?? 0.02;
  harness.states.faults.add({ kind: 'throttling', probability: faultShare / 2 });
  harness.states.faults.add({ kind: 'connection-reset', probability: faultShare / 2 });

  const load = new SteadyLoad({ states: harness.states, outstanding: options.outstanding ?? 8, nextTask: mixedLoadTask });
  const loadStartedAt = Date.now();
  load.start();
  await Promise.race([sleep(options.durationMs), child.exited]);
  load.stop();
  const loadMs = Date.now() - loadStartedAt;

  harness.states.faults.clear();
  await waitFor(() => load.ended === load.enqueued || child.exitStatus !== undefined, "the load's last tasks ended", 60_000);
  child.signal('SIGTERM');
  const exit = await child.exited;

  const measured = samples.filter((sample) => sample.elapsedMs >= warmupMs);

  return {
    durationMs: loadMs,
    sampleMs,
    warmupMs,
    samples,
    rss: trendOf(measured, (sample) => sample.rssBytes),
    heapUsed: trendOf(measured, (sample) => sample.heapUsedBytes),
    tasksEnded: load.ended,
    tasksPerSecond: Math.round((load.ended / loadMs) * 1_000 * 10) / 10,
    outcomes: load.outcomes(),
    tasksLost: harness.states.counters().tasksLost,
    uncaughtErrors: child.uncaughtErrors.length,
    exit,
  };
}

async function waitForFirstSample(samples: readonly MemorySample[], exited: Promise<ChildExit>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));

  while (samples.length === 0) {
    if (ended) {
      throw new Error('The soak application exited before its first memory sample.');
    }
    await sleep(100);
  }
}

function trendOf(samples: readonly MemorySample[], read: (sample: MemorySample) => number): MemoryTrend {
  const values = samples.map(read);
  const points = samples.map((sample) => ({ x: sample.elapsedMs / 60_000, y: read(sample) }));
  const trend = fitLinearTrend(points);
  const half = Math.floor(points.length / 2);
  const mean = (part: number[]): number => Math.round(part.reduce((sum, value) => sum + value, 0) / part.length);

  return {
    slopeBytesPerMinute: Math.round(trend.slope),
    halfSlopesBytesPerMinute: [Math.round(fitLinearTrend(points.slice(0, half)).slope), Math.round(fitLinearTrend(points.slice(half)).slope)],
    rSquared: Math.round(trend.rSquared * 1_000) / 1_000,
    startBytes: mean(values.slice(0, 5)),
    endBytes: mean(values.slice(-5)),
    minBytes: Math.min(...values),
    maxBytes: Math.max(...values),
  };
}
