/** Samples the resident set size while a benchmark runs and reports its peak. */
export class MemorySampler {
  private peakBytes = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => {
      this.peakBytes = Math.max(this.peakBytes, process.memoryUsage().rss);
    }, intervalMs);
    this.timer.unref();
  }

  /** Peak RSS in bytes: the larger of the samples and the kernel's maxRSS for the process. */
  stop(): number {
    clearInterval(this.timer);
    const kernelPeakBytes = process.resourceUsage().maxRSS * 1024;
    return Math.max(this.peakBytes, kernelPeakBytes);
  }
}

/** Formats bytes as MiB with one decimal. */
export function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
