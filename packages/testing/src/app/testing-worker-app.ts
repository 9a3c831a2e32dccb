import type { StoreRegistry, WorkerRuntimeConfig } from '@bevault-workers/core';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';

import type { CapturedLogs } from '../logging/captured-logs';
import type { TestStores } from '../stores/build-test-stores';
import type { RunningTask } from './running-task';
import { startTask, type CompiledWorker, type RunTaskOptions } from './start-task';
import type { TaskRunOutcome } from './task-run-outcome';

/** Parts `compile()` built. @internal */
export interface TestingWorkerAppParts {
  readonly config: WorkerRuntimeConfig;
  readonly logger: Logger;
  readonly logs: CapturedLogs;
  readonly stores: TestStores;
  readonly container: DependencyContainer;
  readonly workers: ReadonlyMap<string, CompiledWorker>;
}

/**
 * Workers compiled with the same container and task pipeline as
 * `WorkerApplication`, run without a network: each task goes through core's
 * task runner (context, heartbeats, abort handling, answer), and the answer
 * it would send to Step Functions becomes the outcome.
 *
 * Tasks run at once, whatever the worker's concurrency: no slot pool or
 * poller is involved.
 *
 * @public
 */
export class TestingWorkerApp {
  private readonly running = new Set<RunningTask>();
  private closing: Promise<void> | undefined;

  /** @internal */
  constructor(private readonly parts: TestingWorkerAppParts) {}

  /** Log entries of the app and its tasks, down to the configured level. */
  get logs(): CapturedLogs {
    return this.parts.logs;
  }

  /** The application's dependency container, for `container.resolve(Token)`. */
  get container(): DependencyContainer {
    return this.parts.container;
  }

  /** The app's store registry, with the overrides in place. */
  get stores(): StoreRegistry {
    return this.parts.stores.registry;
  }

  /** The loaded runtime configuration. */
  get config(): WorkerRuntimeConfig {
    return this.parts.config;
  }

  /** Names of the workers, as declared with `@Worker`. */
  get workerNames(): string[] {
    return [...this.parts.workers.keys()];
  }

  /**
   * Returns the folder behind a store overridden with `useTempDir()`.
   * @throws TypeError when the store was not overridden with `useTempDir()`.
   */
  tempDir(storeName: string): string {
    for (const [name, dir] of this.parts.stores.tempDirs) {
      if (name.toLowerCase() === storeName.toLowerCase()) {
        return dir;
      }
    }

    throw new TypeError(`Store '${storeName}' has no temporary folder: only stores overridden with overrideStore('${storeName}').useTempDir() have one.`);
  }

  /** Returns the ARN the worker's tasks carry in `context.activityArn`. */
  activityArn(workerName: string): string {
    return this.workerNamed(workerName).activityArn;
  }

  /**
   * Runs one task to its outcome.
   *
   * @param workerName - Activity name as declared with `@Worker`, without the environment prefix.
   * @param input - Task input: a value sent as JSON, or JSON text as the service would send it
   *   (a string is not encoded again, so `'not json'` tests a malformed input). `undefined` sends `{}`.
   * @throws TypeError when no worker has that name, or the app is closed.
   */
  run(workerName: string, input?: unknown, options: RunTaskOptions = {}): Promise<TaskRunOutcome> {
    return this.start(workerName, input, options).outcome;
  }

  /**
   * Starts one task and returns its handle, to cancel it, expire its
   * heartbeat or shut it down while the handler runs. Takes the same
   * arguments as {@link TestingWorkerApp.run}.
   */
  start(workerName: string, input?: unknown, options: RunTaskOptions = {}): RunningTask {
    if (this.closing !== undefined) {
      throw new TypeError(`Cannot run worker '${workerName}': the testing app is closed. Compile a new one.`);
    }

    const worker = this.workerNamed(workerName);
    const rawInput = typeof input === 'string' ? input : JSON.stringify(input ?? {});
    const task = startTask({ worker, logger: this.parts.logger, logs: this.parts.logs }, rawInput, options);

    this.running.add(task);
    void task.outcome.then(() => this.running.delete(task));

    return task;
  }

  /**
   * Shuts the running tasks down (answered `Worker.ShuttingDown`, as when a
   * shutdown's grace period is over), then closes the stores and deletes the
   * temporary folders. Repeated calls share one close.
   */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  /** Closes the app, for `await using app = await Test.createWorkerApp(...).compile()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async closeAll(): Promise<void> {
    await Promise.all([...this.running].map((task) => task.shutdown()));
    await this.parts.stores.dispose();
  }

  private workerNamed(workerName: string): CompiledWorker {
    const worker = this.parts.workers.get(workerName);
    if (worker === undefined) {
      const known = this.workerNames.map((name) => `'${name}'`).join(', ');
      throw new TypeError(`No worker named '${workerName}' in the testing app. Known workers: ${known}. Use the name given to @Worker.`);
    }

    return worker;
  }
}
