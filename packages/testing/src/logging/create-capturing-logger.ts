import { Writable } from 'node:stream';

import { createLogger, type LogLevel, type WorkerRuntimeConfig } from '@bevault-workers/core';
import { transports, type Logger } from 'winston';

import { CapturedLogs } from './captured-logs';

/**
 * Creates the application logger with core's `createLogger` (so entries pass
 * the same redaction and level filtering as in production) and records every
 * entry in a {@link CapturedLogs} instead of printing it.
 *
 * @internal
 */
export function createCapturingLogger(config: WorkerRuntimeConfig, level: LogLevel): { logger: Logger; logs: CapturedLogs } {
  const logs = new CapturedLogs();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({ config, level, format: 'json', destination: discard });

  const sink = new Writable({
    objectMode: true,
    write(info: Record<string, unknown>, _encoding, done) {
      logs.record(info);
      done();
    },
  });
  logger.add(new transports.Stream({ stream: sink }));

  return { logger, logs };
}
