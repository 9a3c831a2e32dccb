import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Harness } from '../../src/harness/harness';
import { runMemorySoak, type MemorySoakReport } from '../../src/scenarios/memory-soak';
import { writeSoakReport } from '../../src/scenarios/soak-report';

/** Length of the soak, in minutes; `RELIABILITY_SOAK_MINUTES` overrides it. */
const minutes = Number(process.env.RELIABILITY_SOAK_MINUTES ?? 30);

/**
 * Highest accepted growth of the retained heap and of the RSS, in KiB per
 * minute; `RELIABILITY_SOAK_MAX_HEAP_KIB_PER_MIN` and
 * `RELIABILITY_SOAK_MAX_RSS_KIB_PER_MIN` override them. At the soak's rate of
 * about 40 tasks per second, 64 KiB per minute is under 30 bytes per task.
 */
const maxHeapSlopeKiB = Number(process.env.RELIABILITY_SOAK_MAX_HEAP_KIB_PER_MIN ?? 64);
const maxRssSlopeKiB = Number(process.env.RELIABILITY_SOAK_MAX_RSS_KIB_PER_MIN ?? 256);

describe(`Application under ${minutes} minutes of mixed load`, () => {
  let harness: Harness;
  let report: MemorySoakReport;

  beforeAll(async () => {
    harness = await Harness.create();
    report = await runMemorySoak(harness, { durationMs: minutes * 60_000 });
    const path = await writeSoakReport('memory-soak', { thresholds: { maxHeapSlopeKiB, maxRssSlopeKiB }, ...report });
    process.stdout.write(`Memory soak report: ${path}\n`);
  }, (minutes + 5) * 60_000);

  afterAll(async () => {
    await harness.close();
  });

  it('keeps the retained heap flat', () => {
    expect(report.heapUsed.slopeBytesPerMinute / 1024).toBeLessThan(maxHeapSlopeKiB);
  });

  it('keeps the resident set flat', () => {
    expect(report.rss.slopeBytesPerMinute / 1024).toBeLessThan(maxRssSlopeKiB);
  });

  it('answers every task, loses none and never crashes', () => {
    expect(report.tasksEnded).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).filter((key) => !/ (succeeded|failed .+)$/.test(key))).toEqual([]);
    expect(report.tasksLost).toBe(0);
    expect(report.uncaughtErrors).toBe(0);
    expect(report.exit).toEqual({ code: 0, signal: null });
  });

  it('writes no secret to any output', () => {
    expect(harness.recorder.findings).toEqual([]);
  });
});
