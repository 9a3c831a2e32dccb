import { Writable } from 'node:stream';

import { createLogger, transports, type Logger } from 'winston';

/** One log entry as the logger received it. */
export interface CapturedEntry {
  level: string;
  message: string;
  [field: string]: unknown;
}

/**
 * A winston logger that keeps every entry, down to debug, in `entries`.
 * Entries arrive through a stream, so read them after an `await`.
 */
export function captureLogger(): { logger: Logger; entries: CapturedEntry[] } {
  const entries: CapturedEntry[] = [];
  const sink = new Writable({
    objectMode: true,
    write(entry: CapturedEntry, _encoding, done) {
      entries.push({ ...entry });
      done();
    },
  });
  const logger = createLogger({ level: 'debug', transports: [new transports.Stream({ stream: sink })] });

  return { logger, entries };
}

/** Entries whose message is `message`. */
export function entriesWith(entries: readonly CapturedEntry[], message: string): CapturedEntry[] {
  return entries.filter((entry) => entry.message === message);
}
