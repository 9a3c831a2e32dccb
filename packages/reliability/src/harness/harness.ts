import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Constructor, WorkerConfigOptions } from '@bevault-workers/core';
import { StatesLocal, type StatesLocalOptions } from '@bevault-workers/states-local';

import { appEnvironment, type AppEnvironmentOptions } from '../child/app-environment';
import { ChildApp, type ChildAppOptions } from '../child/child-app';
import { findClosedPort } from '../child/closed-port';
import { OutputRecorder } from '../output/output-recorder';
import { suiteCredentials, suiteSecrets } from '../secrets/suite-secrets';
import { createInProcessApp, type InProcessApp } from './in-process-app';

/** Options of {@link Harness.startApp}. */
export interface StartAppOptions extends Partial<Omit<AppEnvironmentOptions, 'dataDirectory' | 'closedPort'>>, Pick<ChildAppOptions, 'keepLines' | 'onLine' | 'nodeFlags'> {
  /** Name of the child in findings and errors. @defaultValue `app-<n>` */
  readonly label?: string;
}

/**
 * Targets and observers of one test file. It holds a Local States endpoint
 * with the suite's credentials, a data folder, a closed port for the failing
 * stores, and the recorder that searches all output for the suite's secrets.
 * It also tracks the applications it started, child processes or in-process.
 */
export class Harness {
  readonly recorder = new OutputRecorder(suiteSecrets);
  private readonly children: ChildApp[] = [];
  private readonly inProcess: InProcessApp[] = [];
  private appCount = 0;

  private constructor(
    readonly states: StatesLocal,
    readonly dataDirectory: string,
    readonly closedPort: number,
  ) {}

  /** Starts Local States (with the suite's credentials and a 1 s poll hold unless given) and prepares the rest. */
  static async create(statesOptions: StatesLocalOptions = {}): Promise<Harness> {
    const states = await StatesLocal.start({ pollHoldMs: 1_000, credentials: suiteCredentials, ...statesOptions });
    const dataDirectory = await mkdtemp(join(tmpdir(), 'bevault-reliability-'));

    return new Harness(states, dataDirectory, await findClosedPort());
  }

  /** Builds the environment of an application pointed at this harness's endpoint. */
  environment(options: Partial<Omit<AppEnvironmentOptions, 'dataDirectory' | 'closedPort'>> = {}): Record<string, string> {
    return appEnvironment({ statesUrl: this.states.url, ...options, dataDirectory: this.dataDirectory, closedPort: this.closedPort });
  }

  /** Starts the suite's application in a child process. */
  startApp(options: StartAppOptions = {}): ChildApp {
    this.appCount += 1;
    const { label = `app-${this.appCount}`, keepLines, onLine, nodeFlags, ...environment } = options;
    const child = ChildApp.start({ env: this.environment(environment), recorder: this.recorder, label, keepLines, onLine, nodeFlags });
    this.children.push(child);

    return child;
  }

  /** Creates an application in the test process with the given workers. */
  async createApp(workers: readonly Constructor[], config: WorkerConfigOptions = {}, environment: Partial<AppEnvironmentOptions> = {}): Promise<InProcessApp> {
    this.appCount += 1;
    const app = await createInProcessApp({
      workers,
      env: this.environment(environment),
      config,
      recorder: this.recorder,
      label: `in-process-${this.appCount}`,
    });
    this.inProcess.push(app);

    return app;
  }

  /** Kills the children still running, closes the in-process applications, stops Local States and removes the data folder. */
  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => child.kill()));
    await Promise.all(this.inProcess.map(({ app }) => app.close({ immediate: true })));
    await this.states.stop();
    await rm(this.dataDirectory, { recursive: true, force: true });
  }
}
