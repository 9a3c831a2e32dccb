import type { ActivityCounters } from '@bevault-workers/states-local';

import { ChildProcessClient, childEntry } from '../process/child-process-client';
import type { BatchReport, BatchRequest, StatesCommands } from './states-commands';

/** Options of {@link LocalStatesProcess.start}. */
export interface LocalStatesProcessOptions {
  /**
   * How long GetActivityTask is held without a task, in milliseconds. Long,
   * so that idle clients do not spend CPU on empty polls; clients abort
   * their polls when they stop.
   * @default 10000
   */
  readonly pollHoldMs?: number;
}

/**
 * Local States running in a child process, driven from the runner: its URL,
 * activities, batches of tasks and CPU time.
 */
export class LocalStatesProcess {
  private constructor(
    private readonly child: ChildProcessClient<StatesCommands>,
    /** Endpoint to give the clients, on 127.0.0.1. */
    readonly url: string,
  ) {}

  /** Forks the process and waits until Local States listens. */
  static async start(options: LocalStatesProcessOptions = {}): Promise<LocalStatesProcess> {
    const child = ChildProcessClient.fork<StatesCommands>(childEntry(__dirname, 'states-process'), { name: 'Local States' });

    try {
      const { url } = await child.request('start', { pollHoldMs: options.pollHoldMs ?? 10_000 });

      return new LocalStatesProcess(child, url);
    } catch (error) {
      await child.close();
      throw error;
    }
  }

  /** Creates an activity (idempotent) and returns its ARN. */
  createActivity(name: string): Promise<string> {
    return this.child.request('createActivity', name);
  }

  /** Queues a batch of tasks at once and resolves when every one ended. */
  runBatch(request: BatchRequest): Promise<BatchReport> {
    return this.child.request('runBatch', request);
  }

  /**
   * Resolves once `polls` GetActivityTask calls of the activity are held.
   *
   * @throws Error when fewer are held after `timeoutMs`. @default 30000
   */
  waitForPolls(activityName: string, polls: number, timeoutMs = 30_000): Promise<void> {
    return this.child.request('waitForPolls', { activityName, polls, timeoutMs });
  }

  /** Counters of one activity: requests per operation, tasks delivered, lost and so on. */
  counters(activityName: string): Promise<ActivityCounters> {
    return this.child.request('counters', activityName);
  }

  /** CPU time the process used so far, in microseconds. */
  cpuMicros(): Promise<number> {
    return this.child.request('cpuMicros');
  }

  /** Stops Local States and ends the process. */
  stop(): Promise<void> {
    return this.child.close();
  }
}
