import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { EXIT_COMMAND, type CommandResponse, type CommandTable } from './command-protocol';

/** Hook that lets Node load the TypeScript sources, for runs from the sources (the vitest smoke test). */
export const TYPESCRIPT_HOOK = join(__dirname, '..', '..', 'loader', 'register-typescript.cjs');

/** Last bytes of a child's stderr kept for error messages. */
const STDERR_TAIL_BYTES = 4_000;

/** How long a child gets to exit after the `exit` command before it is killed, in milliseconds. */
const EXIT_GRACE_MS = 10_000;

/**
 * Options of {@link ChildProcessClient.fork}.
 */
export interface ForkOptions {
  /** Name used in error messages, such as `Local States`. */
  readonly name: string;
  /** Variables added to the runner's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Node options, such as `--expose-gc`. @default [] */
  readonly nodeOptions?: readonly string[];
  /**
   * Whether the child's stdout is kept; when false it goes to /dev/null, so
   * log lines still cost their formatting and write. @default false
   */
  readonly keepStdout?: boolean;
}

/**
 * Finds a child entry module next to the caller: the compiled `.js` file,
 * else its `.ts` source.
 *
 * @throws Error when neither exists.
 */
export function childEntry(directory: string, baseName: string): string {
  for (const extension of ['.js', '.ts']) {
    const path = join(directory, `${baseName}${extension}`);

    if (existsSync(path)) {
      return path;
    }
  }

  throw new Error(`Benchmark child module ${join(directory, baseName)}.js (or .ts) was not found; run pnpm build first.`);
}

/**
 * A forked benchmark process and the commands it serves. Each child runs
 * one side of a measurement, so its CPU time and memory are its own.
 */
export class ChildProcessClient<Commands extends CommandTable> {
  private nextId = 1;
  private stderrTail = '';
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });

    child.on('message', (response: CommandResponse) => this.settle(response));

    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        const error = new Error(`${this.name} process exited with code ${code} before replying.${this.describeStderr()}`);

        for (const request of this.pending.values()) {
          request.reject(error);
        }

        this.pending.clear();
        resolve(code);
      });
    });
  }

  /** Forks `entry` (from {@link childEntry}) with an IPC channel. */
  static fork<Commands extends CommandTable>(entry: string, options: ForkOptions): ChildProcessClient<Commands> {
    const typescriptHook = entry.endsWith('.ts') ? ['-r', TYPESCRIPT_HOOK] : [];
    const child = fork(entry, [], {
      execArgv: [...typescriptHook, ...(options.nodeOptions ?? [])],
      stdio: ['ignore', options.keepStdout === true ? 'inherit' : 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        NODE_NO_WARNINGS: '1',
        ...options.env,
      },
    });

    return new ChildProcessClient<Commands>(child, options.name);
  }

  /** Process id of the child. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Sends a command and resolves with its value.
   *
   * @throws Error with the child's error message, or when the child exits first.
   */
  request<Command extends keyof Commands & string>(
    command: Command,
    ...argument: Parameters<Commands[Command]> extends [] ? [] : [Parameters<Commands[Command]>[0]]
  ): Promise<Awaited<ReturnType<Commands[Command]>>> {
    return this.send(command, argument[0]) as Promise<Awaited<ReturnType<Commands[Command]>>>;
  }

  /** Asks the child to exit and waits for it; kills it when it does not exit in time. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }

    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS);

    try {
      await this.send(EXIT_COMMAND, undefined).catch(() => undefined);
      await this.exited;
    } finally {
      clearTimeout(killTimer);
    }
  }

  private send(command: string, argument: unknown): Promise<unknown> {
    const id = this.nextId++;

    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ kind: 'request', id, command, argument }, (error) => {
        if (error !== null) {
          this.pending.delete(id);
          reject(new Error(`Sending '${command}' to the ${this.name} process failed: ${error.message}`, { cause: error }));
        }
      });
    });
  }

  private settle(response: CommandResponse): void {
    const request = this.pending.get(response.id);

    if (request === undefined) {
      return;
    }

    this.pending.delete(response.id);

    if (response.ok) {
      request.resolve(response.value);
    } else {
      const childError = Object.assign(new Error(response.error.message), { name: response.error.name, stack: response.error.stack });
      request.reject(new Error(`${this.name} process failed: ${response.error.message}${this.describeStderr()}`, { cause: childError }));
    }
  }

  private describeStderr(): string {
    const tail = this.stderrTail.trim();

    return tail === '' ? '' : `\nIts stderr ends with:\n${tail}`;
  }
}
