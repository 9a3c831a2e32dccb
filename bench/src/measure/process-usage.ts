/**
 * CPU time a process used, in microseconds, user plus system.
 */
export function cpuMicros(usage: NodeJS.CpuUsage = process.cpuUsage()): number {
  return usage.user + usage.system;
}

/** Memory figures of a process, in bytes, read after a full garbage collection when `global.gc` exists. */
export interface MemorySample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Highest resident set size of the process so far. */
  readonly maxRssBytes: number;
}

/** Collects garbage when Node runs with `--expose-gc`, then reads the process's memory. */
export function sampleMemory(): MemorySample {
  global.gc?.();

  const usage = process.memoryUsage();

  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    // resourceUsage() reports maxRSS in kibibytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** Converts bytes to mebibytes. */
export function mebibytes(bytes: number): number {
  return bytes / (1024 * 1024);
}
