/** Messages from the benchmark process to the emulator process. */
export type ToEmulator = { type: 'feed'; tasks: number } | { type: 'cpu' } | { type: 'stop' };

/** Messages from the emulator process to the benchmark process. */
export type FromEmulator =
  | { type: 'ready'; url: string; activityArn: string }
  | { type: 'cpu'; usage: NodeJS.CpuUsage }
  | { type: 'stopped' };

/** Name of the activity the benchmark polls. */
export const BENCH_ACTIVITY = 'bench-empty';
