import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { ConfigurationError } from '../errors/configuration-error';
import { findJsonErrorPosition } from './json-error-position';
import { logLevelRule, parseLogLevel, type LogLevel } from './log-level';

/**
 * The settings of a `logging_config.json` in the Python library's format
 * (Serilog's shape: `minimumLevel` and `writeTo`), which this framework honours.
 *
 * @internal
 */
export interface LoggingFileSettings {
  /** `minimumLevel.default`, or `minimumLevel` itself when it is a string. */
  readonly defaultLevel: LogLevel | undefined;
  /** `minimumLevel.override`: level by source or worker name. */
  readonly overrides: ReadonlyMap<string, LogLevel>;
  /** Whether entries go to the console: `writeTo` lists `Console`, or there is no `writeTo`. */
  readonly console: boolean;
  /** The `File` sink, when `writeTo` lists one. */
  readonly file: RollingFileSettings | undefined;
  /** Names of `writeTo` sinks this framework does not write to. */
  readonly ignoredSinks: readonly string[];
}

/** A size-rolled log file: `path` while current, `path.1`, `path.2`... once rolled. @internal */
export interface RollingFileSettings {
  readonly path: string;
  /** Size at which the file rolls over. */
  readonly maxBytes: number;
  /**
   * Rolled files kept besides the current one (the meaning Python's
   * `RotatingFileHandler` gives `retainedFileCountLimit`); undefined keeps all.
   */
  readonly maxFiles: number | undefined;
}

/** Defaults of the Python library's File sink. */
const fileDefaults = { maxBytes: 10_000_000, maxFiles: 10 } as const;

/**
 * Reads a `logging_config.json`. Keys match case-insensitively, and the root
 * object may be `logging` (the Python library) or `Serilog` (the .NET
 * workers). A relative File `path` is resolved against the file's folder.
 *
 * @throws {@link ConfigurationError} naming the file, the key and the accepted
 *   form, when the file cannot be read or a value is invalid.
 * @internal
 */
export function readLoggingConfigFile(path: string): LoggingFileSettings {
  const document = readJson(path);
  const root = field(document, 'logging') ?? field(document, 'serilog');
  if (!isObject(root)) {
    throw invalid(path, 'logging', describe(root), 'an object with minimumLevel and writeTo, such as {"logging": {"minimumLevel": {"default": "Information"}}}');
  }

  const minimumLevel = field(root, 'minimumLevel');
  const { defaultLevel, overrides } = readMinimumLevel(path, minimumLevel);

  const writeTo = field(root, 'writeTo');
  if (writeTo === undefined) {
    return { defaultLevel, overrides, console: true, file: undefined, ignoredSinks: [] };
  }

  if (!Array.isArray(writeTo)) {
    throw invalid(path, 'logging.writeTo', describe(writeTo), 'an array of sinks such as [{"name": "Console"}]');
  }

  let console = false;
  let file: RollingFileSettings | undefined;
  const ignoredSinks: string[] = [];

  writeTo.forEach((sink: unknown, index) => {
    const name = field(sink, 'name');
    if (typeof name !== 'string') {
      throw invalid(path, `logging.writeTo[${index}].name`, describe(name), 'a sink name: Console or File');
    }

    if (name.toLowerCase() === 'console') {
      console = true;
    } else if (name.toLowerCase() === 'file') {
      file = readFileSink(path, index, field(sink, 'args'));
    } else {
      ignoredSinks.push(name);
    }
  });

  return { defaultLevel, overrides, console, file, ignoredSinks };
}

function readMinimumLevel(path: string, minimumLevel: unknown): Pick<LoggingFileSettings, 'defaultLevel' | 'overrides'> {
  if (minimumLevel === undefined) {
    return { defaultLevel: undefined, overrides: new Map() };
  }

  if (typeof minimumLevel === 'string') {
    return { defaultLevel: readLevel(path, 'logging.minimumLevel', minimumLevel), overrides: new Map() };
  }

  if (!isObject(minimumLevel)) {
    throw invalid(path, 'logging.minimumLevel', describe(minimumLevel), 'a level name, or {"default": level, "override": {name: level}}');
  }

  const defaultValue = field(minimumLevel, 'default');
  const defaultLevel = defaultValue === undefined ? undefined : readLevel(path, 'logging.minimumLevel.default', defaultValue);

  const override = field(minimumLevel, 'override') ?? {};
  if (!isObject(override)) {
    throw invalid(path, 'logging.minimumLevel.override', describe(override), 'an object mapping source or worker names to levels');
  }

  const overrides = new Map<string, LogLevel>();
  for (const [name, level] of Object.entries(override)) {
    overrides.set(name, readLevel(path, `logging.minimumLevel.override.${name}`, level));
  }

  return { defaultLevel, overrides };
}

function readFileSink(path: string, index: number, args: unknown): RollingFileSettings {
  const key = `logging.writeTo[${index}].args`;
  if (!isObject(args)) {
    throw invalid(path, key, describe(args), 'an object with at least "path", such as {"path": "logs/worker.log"}');
  }

  const filePath = field(args, 'path');
  if (typeof filePath !== 'string' || filePath.trim() === '') {
    throw invalid(path, `${key}.path`, describe(filePath), 'the path of the log file');
  }

  const maxBytes = readPositiveInteger(path, `${key}.fileSizeLimitBytes`, field(args, 'fileSizeLimitBytes')) ?? fileDefaults.maxBytes;
  const retained = field(args, 'retainedFileCountLimit');
  const maxFiles = retained === null ? undefined : (readPositiveInteger(path, `${key}.retainedFileCountLimit`, retained) ?? fileDefaults.maxFiles);

  return { path: resolve(dirname(path), filePath), maxBytes, maxFiles };
}

function readLevel(path: string, key: string, value: unknown): LogLevel {
  const level = typeof value === 'string' ? parseLogLevel(value) : undefined;
  if (level === undefined) {
    throw invalid(path, key, describe(value), logLevelRule);
  }

  return level;
}

function readPositiveInteger(path: string, key: string, value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }

  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(path, key, describe(value), 'a positive integer');
  }

  return value;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError('logging_config_path', `Reading the logging configuration ${path} failed. Check the path in logging_config_path.`, {
      cause: error,
    });
  }

  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    // The parser's message quotes the text around the error, which may be a secret such as a
    // Seq API key, so only the position is reported and the parser's error is not chained.
    const position = findJsonErrorPosition(text);
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
    throw new ConfigurationError('logging_config_path', `The logging configuration ${path} is not valid JSON${where}. Check it with a JSON validator.`);
  }
}

/** Reads a key of an object, matching its name case-insensitively. */
function field(value: unknown, name: string): unknown {
  if (!isObject(value)) {
    return undefined;
  }

  const wanted = name.toLowerCase();
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : value[key];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function invalid(path: string, key: string, shown: string, accepted: string): ConfigurationError {
  return new ConfigurationError('logging_config_path', `Invalid ${key} in ${path}: ${shown}. Expected ${accepted}.`);
}
