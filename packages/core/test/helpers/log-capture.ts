import { PassThrough } from 'node:stream';

import type { Logger } from 'winston';

import { createLogger, type CreateLoggerOptions } from '../../src/index';

/**
 * Creates a logger with the real {@link createLogger} in JSON format, writing into
 * memory. `entries()` parses what was written so far.
 */
export function captureLogs(options: Omit<CreateLoggerOptions, 'destination' | 'format'> & { format?: 'json' | 'pretty' } = {}): {
  logger: Logger;
  text: () => string;
  entries: () => Array<Record<string, unknown>>;
} {
  const destination = new PassThrough();
  const chunks: string[] = [];
  destination.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));

  const logger = createLogger({ level: 'debug', ...options, format: options.format ?? 'json', destination });
  const text = (): string => chunks.join('');
  const entries = (): Array<Record<string, unknown>> =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  return { logger, text, entries };
}

/** Waits until the logger's streams have flushed what was logged so far. */
export async function flushLogs(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
