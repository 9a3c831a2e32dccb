/** Region of every client and of the ARNs Local States builds. */
export const BENCH_REGION = 'us-east-1';

/** Static credentials: Local States accepts any when it verifies no signature, and no client looks for others. */
export const BENCH_CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench-secret' } as const;

/**
 * Request timeout of every client, in milliseconds: above the longest poll
 * hold Local States uses here, as a long poll needs.
 */
export const BENCH_REQUEST_TIMEOUT_MS = 70_000;

/** Sockets for `concurrency` tasks: a poll or an answer per slot, plus headroom, as the framework sizes its pool. */
export function benchMaxSockets(concurrency: number): number {
  return 2 * concurrency + 16;
}
