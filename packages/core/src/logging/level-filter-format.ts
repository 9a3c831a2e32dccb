import { format, type Logform } from 'winston';

import { logLevels, type LogLevel } from './log-level';

/**
 * Creates a winston format that drops entries less severe than their threshold: the
 * override whose name equals the entry's `source` or `worker` field, or is a
 * dot-separated prefix of it (the longest such name wins), else the default.
 * The logger's own level must be the most detailed of all thresholds so that
 * every entry reaches this format.
 *
 * @internal
 */
export function levelFilterFormat(defaultLevel: LogLevel, overrides: ReadonlyMap<string, LogLevel>): Logform.Format {
  return format((info) => {
    const threshold = thresholdFor(info as Record<string, unknown>, defaultLevel, overrides);
    return severity(info.level) <= severity(threshold) ? info : false;
  })();
}

/**
 * Returns the most detailed of a default level and its overrides.
 *
 * @internal
 */
export function mostDetailedLevel(defaultLevel: LogLevel, overrides: ReadonlyMap<string, LogLevel>): LogLevel {
  return [defaultLevel, ...overrides.values()].reduce((most, level) => (severity(level) > severity(most) ? level : most));
}

function thresholdFor(entry: Record<string, unknown>, defaultLevel: LogLevel, overrides: ReadonlyMap<string, LogLevel>): LogLevel {
  let best: { name: string; level: LogLevel } | undefined;

  for (const candidate of [entry.source, entry.worker]) {
    if (typeof candidate !== 'string') {
      continue;
    }

    for (const [name, level] of overrides) {
      const matches = candidate === name || candidate.startsWith(`${name}.`);
      if (matches && (best === undefined || name.length > best.name.length)) {
        best = { name, level };
      }
    }
  }

  return best?.level ?? defaultLevel;
}

function severity(level: string): number {
  const index = logLevels.indexOf(level as LogLevel);
  return index === -1 ? logLevels.length : index;
}
