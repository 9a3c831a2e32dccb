import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { uncaughtMonitorKey } from '../app/uncaught-monitor';
import type { OutputRecorder } from '../output/output-recorder';
import { waitFor } from './wait-for';

/** One JSON log line of the child application. */
export type LogLine = Readonly<Record<string, unknown>> & { readonly message?: string };

/** Exit code or signal of the child process. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link ChildApp.start}. */
export interface ChildAppOptions {
  /** The whole environment of the child; nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** Receives every byte of the child's stdout and stderr. */
  readonly recorder: OutputRecorder;
  /** Name of this child in recorder findings and error messages. */
  readonly label: string;
  /**
   * Whether parsed log lines are kept in {@link ChildApp.lines}; a soak turns
   * it off and reads what it needs through `onLine`.
   * @defaultValue true
   */
  readonly keepLines?: boolean;
  /** Called with each JSON line of stdout. */
  readonly onLine?: (line: LogLine) => void;
  /** Extra Node.js flags, such as `--expose-gc`. @defaultValue [] */
  readonly nodeFlags?: readonly string[];
}

const entryPoint = join(__dirname, '..', 'app', 'main.cjs');

/**
 * The suite's worker application running in a child Node.js process, as a
 * deployed worker runs: configured by its environment, stopped by real
 * signals. Its stdout and stderr go to the recorder line by line.
 */
export class ChildApp {
  /** JSON lines of stdout, in order (unless `keepLines` is off). */
  readonly lines: LogLine[] = [];
  /** Lines of stderr that are not uncaught-error reports. */
  readonly stderrLines: string[] = [];
  /** Uncaught exceptions and unhandled rejections the child reported before exiting or carrying on. */
  readonly uncaughtErrors: LogLine[] = [];
  /** Settles when the process has exited and its output is read. */
  readonly exited: Promise<ChildExit>;

  private exit: ChildExit | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ChildAppOptions,
  ) {
    const recorder = options.recorder;
    let stdoutRest = '';
    let stderrRest = '';

    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      recorder.write(`${options.label} stdout`, chunk);
      const parts = (stdoutRest + chunk).split('\n');
      stdoutRest = parts.pop() ?? '';
      parts.forEach((text) => this.receiveStdout(text));
    });

    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      recorder.write(`${options.label} stderr`, chunk);
      const parts = (stderrRest + chunk).split('\n');
      stderrRest = parts.pop() ?? '';
      parts.forEach((text) => this.receiveStderr(text));
    });

    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.receiveStdout(stdoutRest);
        this.receiveStderr(stderrRest);
        recorder.flush();
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** Starts the child application. */
  static start(options: ChildAppOptions): ChildApp {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), entryPoint], {
      env: { ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    return new ChildApp(child, options);
  }

  /** Process id of the child. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Exit code or signal of the child, or `undefined` while it runs. */
  get exitStatus(): ChildExit | undefined {
    return this.exit;
  }

  /** Sends a signal to the child, such as `SIGTERM`. */
  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  /** Waits until a kept log line matches `predicate` and returns it. */
  async waitForLine(predicate: (line: LogLine) => boolean, what: string, timeoutMs = 20_000): Promise<LogLine> {
    await waitFor(() => this.lines.some(predicate) || this.exit !== undefined, `${this.options.label}: ${what}`, timeoutMs);
    const line = this.lines.find(predicate);

    if (line === undefined) {
      throw new Error(`${this.options.label} exited (${JSON.stringify(this.exit)}) before ${what}. Stderr:\n${this.stderrLines.join('\n')}`);
    }

    return line;
  }

  /** Waits until the application reports the state `running`. */
  async waitUntilRunning(timeoutMs = 30_000): Promise<void> {
    await this.waitForLine((line) => line.message === 'Application state changed' && line.to === 'running', 'the application is running', timeoutMs);
  }

  /** Kills the child with SIGKILL if it still runs, and waits for its exit; for test cleanup. */
  async kill(): Promise<ChildExit> {
    if (this.exit === undefined) {
      this.child.kill('SIGKILL');
    }

    return this.exited;
  }

  private receiveStdout(text: string): void {
    if (text.trim() === '') {
      return;
    }

    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { message: 'Unparsed stdout line', text };
    }

    if (this.options.keepLines ?? true) {
      this.lines.push(line);
    }
    this.options.onLine?.(line);
  }

  private receiveStderr(text: string): void {
    if (text.trim() === '') {
      return;
    }

    if (text.includes(`"${uncaughtMonitorKey}"`)) {
      try {
        this.uncaughtErrors.push(JSON.parse(text) as LogLine);
        return;
      } catch {
        // Not the monitor's JSON line after all: an ordinary stderr line.
      }
    }

    this.stderrLines.push(text);
  }
}
