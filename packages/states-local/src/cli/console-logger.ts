import type { StatesLocalLogger } from '../logging/logger';

/** Log levels of the CLI, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Sink for output lines: `console` in the binary. */
export interface ConsoleOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * Creates a logger writing one line per entry: time, level, message and the
 * metadata as JSON. Entries below `level` are dropped; errors and warnings
 * go to `output.error`.
 */
export function createConsoleLogger(level: LogLevel, output: ConsoleOutput = console): StatesLocalLogger {
  const threshold = LOG_LEVELS.indexOf(level);

  const write = (entryLevel: LogLevel, message: string, meta?: object): void => {
    if (LOG_LEVELS.indexOf(entryLevel) > threshold) {
      return;
    }

    const suffix = meta === undefined ? '' : ` ${JSON.stringify(meta, errorReplacer)}`;
    const line = `${new Date().toISOString()} ${entryLevel.padEnd(5)} ${message}${suffix}`;

    if (entryLevel === 'error' || entryLevel === 'warn') {
      output.error(line);
    } else {
      output.log(line);
    }
  };

  return {
    debug: (message, meta) => write('debug', message, meta),
    info: (message, meta) => write('info', message, meta),
    warn: (message, meta) => write('warn', message, meta),
    error: (message, meta) => write('error', message, meta),
  };
}

/** Serializes errors with their name and message, which JSON.stringify drops. */
function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
