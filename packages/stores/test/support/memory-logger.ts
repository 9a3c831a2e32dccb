import type { StoreLogger } from '../../src';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  meta: Record<string, unknown>;
}

/** A logger that keeps its entries, for assertions on what was logged. */
export class MemoryLogger implements StoreLogger {
  readonly entries: LogEntry[] = [];

  debug(message: string, meta: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'debug', message, meta });
  }

  info(message: string, meta: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'info', message, meta });
  }

  warn(message: string, meta: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'warn', message, meta });
  }

  error(message: string, meta: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'error', message, meta });
  }

  find(message: string): LogEntry[] {
    return this.entries.filter((entry) => entry.message === message);
  }

  /** Every entry serialized, to check that no secret was logged. */
  text(): string {
    return JSON.stringify(this.entries);
  }
}
