import { createLogger as createWinstonLogger, format, transports, type Logger } from 'winston';
import type Transport from 'winston-transport';

import type { WorkerRuntimeConfig } from '../config/worker-runtime-config';
import { levelFilterFormat, mostDetailedLevel } from './level-filter-format';
import type { LogFormat, LogLevel } from './log-level';
import { readLoggingConfigFile, type LoggingFileSettings } from './logging-config-file';
import { prettyFormat } from './pretty-format';
import { redactFormat } from './redact-format';
import { RollingFileTransport } from './rolling-file-transport';

/**
 * Options of {@link createLogger}.
 *
 * @public
 */
export interface CreateLoggerOptions {
  /**
   * Runtime configuration: its `loggingConfigPath`, `logLevel` and `logFormat`
   * are honoured and its secret access key is redacted.
   */
  readonly config?: Pick<WorkerRuntimeConfig, 'loggingConfigPath' | 'logLevel' | 'logFormat' | 'credentials'>;

  /**
   * Most detailed level written; overrides the config and the logging file.
   * @defaultValue `config.logLevel`, else the file's `minimumLevel.default`, else 'info'
   */
  readonly level?: LogLevel;

  /**
   * Console format.
   * @defaultValue `config.logFormat`, else 'auto' (readable lines on a terminal, JSON otherwise)
   */
  readonly format?: LogFormat;

  /**
   * Stream the console entries are written to.
   * @defaultValue `process.stdout`
   */
  readonly destination?: NodeJS.WritableStream & { readonly isTTY?: boolean };

  /** Values replaced by `[REDACTED]` wherever they appear, besides the config's secret. */
  readonly secrets?: readonly string[];
}

/**
 * Creates the application's winston logger: readable lines on a terminal and
 * JSON lines otherwise (or as requested), plus the Console and rolling File
 * sinks and the level overrides of a Python-library `logging_config.json`.
 * Every entry passes a redaction step that removes secrets.
 *
 * @throws {@link ConfigurationError} when the logging configuration file is invalid.
 * @public
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config = options.config;
  const fileSettings: LoggingFileSettings | undefined =
    config?.loggingConfigPath === undefined ? undefined : readLoggingConfigFile(config.loggingConfigPath);

  const defaultLevel = options.level ?? config?.logLevel ?? fileSettings?.defaultLevel ?? 'info';
  const overrides = options.level === undefined ? (fileSettings?.overrides ?? new Map<string, LogLevel>()) : new Map<string, LogLevel>();

  const destination = options.destination ?? process.stdout;
  const consoleFormat = resolveFormat(options.format ?? config?.logFormat ?? 'auto', destination);
  const secrets = [...(options.secrets ?? []), ...(config?.credentials === undefined ? [] : [config.credentials.secretAccessKey])];

  const sinks: Transport[] = [];
  if (fileSettings === undefined || fileSettings.console) {
    sinks.push(
      new transports.Stream({
        stream: destination,
        format: consoleFormat === 'json' ? format.json() : prettyFormat(destination.isTTY === true),
      }),
    );
  }
  if (fileSettings?.file !== undefined) {
    sinks.push(
      new RollingFileTransport({
        path: fileSettings.file.path,
        maxBytes: fileSettings.file.maxBytes,
        maxFiles: fileSettings.file.maxFiles,
        format: format.json(),
      }),
    );
  }

  const logger = createWinstonLogger({
    level: mostDetailedLevel(defaultLevel, overrides),
    format: format.combine(format.errors({ stack: true }), format.timestamp(), redactFormat(secrets), levelFilterFormat(defaultLevel, overrides)),
    transports: sinks,
    silent: sinks.length === 0,
  });

  for (const sink of fileSettings?.ignoredSinks ?? []) {
    logger.warn('Logging sink ignored', { sink, file: config?.loggingConfigPath, supported: ['Console', 'File'] });
  }

  return logger;
}

function resolveFormat(requested: LogFormat, destination: { readonly isTTY?: boolean }): 'pretty' | 'json' {
  if (requested === 'auto') {
    return destination.isTTY === true ? 'pretty' : 'json';
  }

  return requested;
}
