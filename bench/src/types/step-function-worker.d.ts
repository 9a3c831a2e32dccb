/** The part of step-function-worker 2.1 (JavaScript, no types of its own) that the benchmark uses. */
declare module 'step-function-worker' {
  import type { EventEmitter } from 'node:events';

  type TaskCallback = (error: unknown, output?: unknown) => void;

  interface StepFunctionWorkerOptions {
    activityArn: string;
    workerName?: string;
    concurrency?: number;
    fn: (input: unknown, callback: TaskCallback, heartbeat: () => void) => void;
    autoStart?: boolean;
    logger?: { debug(...values: unknown[]): void; info(...values: unknown[]): void; warn(...values: unknown[]): void; error(...values: unknown[]): void };
    /** Options of aws-sdk v2's `AWS.StepFunctions` client. */
    awsConfig?: Record<string, unknown>;
  }

  class StepFunctionWorker extends EventEmitter {
    constructor(options: StepFunctionWorkerOptions);
    close(callback: (error?: unknown) => void): void;
  }

  export = StepFunctionWorker;
}
