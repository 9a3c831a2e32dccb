/** Log message of a memory sample line written by the child application. */
export const memorySampleMessage = 'Memory sample';

/** One memory reading of a process. */
export interface MemorySample {
  /** Milliseconds since the sampling started. */
  readonly elapsedMs: number;
  /** Resident set size, in bytes. */
  readonly rssBytes: number;
  /** V8 heap in use, in bytes, read right after a full garbage collection when `--expose-gc` is on. */
  readonly heapUsedBytes: number;
  /** Memory of ArrayBuffers and Buffers outside the V8 heap, in bytes. */
  readonly externalBytes: number;
}

/**
 * Writes a {@link MemorySample} as a JSON line to stdout every `intervalMs`.
 * With `--expose-gc`, each sample follows a full garbage collection, so the
 * heap figure is what the process retains rather than a point on the
 * collector's sawtooth. The timer does not keep the process alive.
 */
export function startMemorySampling(intervalMs: number): void {
  const startedAt = Date.now();
  const collectGarbage = (globalThis as { gc?: () => void }).gc;

  const timer = setInterval(() => {
    collectGarbage?.();
    const usage = process.memoryUsage();
    const sample: MemorySample = {
      elapsedMs: Date.now() - startedAt,
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      externalBytes: usage.external,
    };
    process.stdout.write(`${JSON.stringify({ level: 'info', message: memorySampleMessage, ...sample })}\n`);
  }, intervalMs);

  timer.unref();
}
