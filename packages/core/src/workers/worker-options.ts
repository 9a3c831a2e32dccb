/**
 * Per-worker settings given to `@Worker`. Each one left out takes the
 * application's default, from the options of `WorkerApplication.create()` or
 * the environment.
 *
 * @public
 */
export interface WorkerOptions {
  /**
   * Maximum number of tasks this worker runs at once, which is also the number
   * of task slots: GetActivityTask is sent only while a slot is free.
   *
   * @defaultValue `stepFunctions__DefaultMaxConcurrency` (5)
   */
  readonly concurrency?: number;

  /**
   * Seconds between two heartbeats of a running task, from 0.001 to 2147483
   * (the longest Node.js timer). Keep it well under the `HeartbeatSeconds` of
   * the state machine's task state.
   *
   * @defaultValue `stepFunctions__DefaultHeartbeatDelay` (5)
   */
  readonly heartbeatSeconds?: number;

  /**
   * Maximum number of GetActivityTask calls in flight for this worker; never
   * more than the free slots.
   *
   * @defaultValue `stepFunctions__DefaultMaxPollers` (4)
   */
  readonly maxPollers?: number;

  /**
   * Strips input properties that carry no class-validator decorator in the
   * `@Input` class.
   *
   * @defaultValue true
   */
  readonly whitelist?: boolean;

  /**
   * Fails the task with `Worker.InvalidInput` when the input has properties
   * that carry no class-validator decorator, instead of stripping them.
   * Applies only while `whitelist` is on.
   *
   * @defaultValue false
   */
  readonly forbidNonWhitelisted?: boolean;

  /**
   * Lets class-transformer convert input values to the declared property types
   * (for example `"42"` to a `number` property) before validation.
   *
   * @defaultValue false
   */
  readonly enableImplicitConversion?: boolean;
}

/** Names of every {@link WorkerOptions} key, to reject misspelt ones. */
export const workerOptionNames: readonly (keyof WorkerOptions)[] = [
  'concurrency',
  'heartbeatSeconds',
  'maxPollers',
  'whitelist',
  'forbidNonWhitelisted',
  'enableImplicitConversion',
];
