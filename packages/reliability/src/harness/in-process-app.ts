import { Writable } from 'node:stream';

import { createLogger, loadWorkerConfig, WorkerApplication, type Constructor, type WorkerConfigOptions } from '@bevault-workers/core';

import type { LogLine } from '../child/child-app';
import type { OutputRecorder } from '../output/output-recorder';

/** Options of {@link createInProcessApp}. */
export interface InProcessAppOptions {
  readonly workers: readonly Constructor[];
  /** Environment the application reads its settings from, as a child's. */
  readonly env: Readonly<Record<string, string>>;
  /** Settings that override the environment. */
  readonly config?: WorkerConfigOptions;
  readonly recorder: OutputRecorder;
  readonly label: string;
}

/** An application in the test process, with its JSON log lines. */
export interface InProcessApp {
  readonly app: WorkerApplication;
  readonly lines: LogLine[];
}

/**
 * Creates a `WorkerApplication` in the test process, for tests that must
 * reach into it (its counters, its handlers' memory, `Object.prototype`). Its
 * logger is the one the framework builds from the configuration, with the
 * same redaction, writing JSON lines to the recorder instead of stdout.
 * Signals are left to the test runner.
 */
export async function createInProcessApp(options: InProcessAppOptions): Promise<InProcessApp> {
  const lines: LogLine[] = [];
  const recorderStream = options.recorder.stream(options.label);
  let rest = '';

  const destination = new Writable({
    write: (chunk: Buffer | string, encoding, callback) => {
      const text = chunk.toString();
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      parts.filter((part) => part.trim() !== '').forEach((part) => lines.push(JSON.parse(part) as LogLine));
      recorderStream.write(text, callback);
    },
  });

  const config = loadWorkerConfig({ env: options.env, envFile: false, overrides: options.config });
  const logger = createLogger({ config, destination, format: 'json' });
  const app = await WorkerApplication.create({
    workers: options.workers,
    env: options.env,
    envFile: false,
    config: options.config,
    logger,
    handleSignals: false,
  });

  return { app, lines };
}
