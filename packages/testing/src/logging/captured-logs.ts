import type { LogLevel } from '@bevault-workers/core';

/**
 * One log entry, after the logger's formats ran (secrets are already redacted).
 *
 * @public
 */
export interface CapturedLogEntry {
  readonly level: LogLevel;
  /** The constant message, such as `Task finished`. */
  readonly message: string;
  /** Every other field of the entry: `worker`, `taskId`, `outcome`, `errorCode`, `durationMs`... */
  readonly meta: Readonly<Record<string, unknown>>;
}

/**
 * Query of {@link CapturedLogs.filter} and {@link CapturedLogs.find}: every
 * field given must be equal (for `meta`, every key given).
 *
 * @public
 */
export interface LogEntryQuery {
  readonly level?: LogLevel;
  readonly message?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** Fields winston adds or that {@link CapturedLogEntry} carries outside `meta`. */
const ownFields = new Set(['level', 'message', 'timestamp']);

/**
 * The log entries an application wrote, in order, for assertions.
 *
 * @example
 * ```ts
 * expect(app.logs.find({ message: 'Task finished' })?.meta).toMatchObject({ outcome: 'failed' });
 * ```
 *
 * @public
 */
export class CapturedLogs {
  private readonly captured: CapturedLogEntry[] = [];

  /** Every entry captured since the start or the last {@link CapturedLogs.clear}. */
  get entries(): readonly CapturedLogEntry[] {
    return this.captured;
  }

  /** Returns the message of every entry, in order. */
  messages(): string[] {
    return this.captured.map((entry) => entry.message);
  }

  /** Returns the entries matching `query`, or those for which `query` returns true. */
  filter(query: LogEntryQuery | ((entry: CapturedLogEntry) => boolean)): CapturedLogEntry[] {
    const matches = typeof query === 'function' ? query : (entry: CapturedLogEntry) => matchesQuery(entry, query);
    return this.captured.filter(matches);
  }

  /** Returns the first entry matching `query`, or undefined. */
  find(query: LogEntryQuery | ((entry: CapturedLogEntry) => boolean)): CapturedLogEntry | undefined {
    return this.filter(query)[0];
  }

  /** Returns the entries of one task, by the `taskId` field of its child logger. */
  forTask(taskId: string): CapturedLogEntry[] {
    return this.filter({ meta: { taskId } });
  }

  /** Forgets every entry captured so far. */
  clear(): void {
    this.captured.length = 0;
  }

  /** Adds an entry as winston hands it to a transport. @internal */
  record(info: Record<string, unknown>): void {
    const meta: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(info)) {
      if (!ownFields.has(key)) {
        meta[key] = value;
      }
    }

    this.captured.push({ level: info.level as LogLevel, message: String(info.message), meta });
  }
}

function matchesQuery(entry: CapturedLogEntry, query: LogEntryQuery): boolean {
  if (query.level !== undefined && entry.level !== query.level) {
    return false;
  }

  if (query.message !== undefined && entry.message !== query.message) {
    return false;
  }

  return Object.entries(query.meta ?? {}).every(([key, value]) => Object.is(entry.meta[key], value));
}
