/**
 * Log levels the framework writes at, most severe first. `debug` carries
 * per-call detail, `info` lifecycle and task outcomes, `warn` failed tasks and
 * retries, `error` failures that stop something.
 *
 * @public
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * Output format of the console: `pretty` for readable lines, `json` for one
 * JSON object per line, `auto` for `pretty` on a terminal and `json` otherwise.
 *
 * @public
 */
export type LogFormat = 'pretty' | 'json' | 'auto';

/** Every {@link LogLevel}, most severe first. @internal */
export const logLevels: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Every {@link LogFormat}. @internal */
export const logFormats: readonly LogFormat[] = ['pretty', 'json', 'auto'];

/**
 * Level names of Serilog (used by the .NET workers and the Python library's
 * `logging_config.json`) and of Python's logging, lowercased, mapped to ours.
 * The framework has no level below `debug`, so `verbose` and `trace` map to it.
 */
const levelAliases: Readonly<Record<string, LogLevel>> = {
  verbose: 'debug',
  trace: 'debug',
  debug: 'debug',
  information: 'info',
  info: 'info',
  warning: 'warn',
  warn: 'warn',
  error: 'error',
  fatal: 'error',
  critical: 'error',
};

/**
 * Maps a level name, ours or Serilog's or Python's, in any case, to a
 * {@link LogLevel}; undefined for an unknown name.
 *
 * @internal
 */
export function parseLogLevel(name: string): LogLevel | undefined {
  return levelAliases[name.trim().toLowerCase()];
}

/** Accepted level names, for error messages. @internal */
export const logLevelRule = 'one of error, warn, info, debug (Serilog names such as Information or Warning are accepted too)';
