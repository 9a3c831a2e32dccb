import { logFormats, logLevelRule, parseLogLevel, type LogFormat, type LogLevel } from '../logging/log-level';

/**
 * Turns a raw setting (text from the environment, or a typed option) into its
 * value, or undefined when the raw value is invalid. `accepted` describes the
 * valid form for the error message.
 *
 * @internal
 */
export interface ValueParser<T> {
  readonly accepted: string;
  parse(raw: unknown): T | undefined;
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') {
    return raw;
  }

  if (typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)) {
    return Number(raw);
  }

  return undefined;
}

/** @internal */
export const positiveInteger: ValueParser<number> = {
  accepted: 'a positive integer, such as 5',
  parse(raw) {
    const value = toNumber(raw);
    return value !== undefined && Number.isInteger(value) && value >= 1 ? value : undefined;
  },
};

/**
 * Maximum delay, in milliseconds, of a Node.js timer: `setTimeout`
 * runs a longer delay after 1 ms instead, with a `TimeoutOverflowWarning`.
 *
 * @internal
 */
export const maxTimerMs = 2_147_483_647;

/** {@link maxTimerMs} in whole seconds, the largest duration a setting accepts. @internal */
export const maxTimerSeconds = Math.floor(maxTimerMs / 1000);

const timerLimit = `${maxTimerSeconds} (about 24.8 days, the longest timer Node.js supports)`;

/** Seconds, converted to whole milliseconds from 1 to {@link maxTimerMs}. @internal */
export const positiveSecondsAsMs: ValueParser<number> = {
  accepted: `a number of seconds from 0.001 to ${timerLimit}, such as 5 or 0.5`,
  parse(raw) {
    const value = toNumber(raw);
    if (value === undefined || !Number.isFinite(value) || value <= 0) {
      return undefined;
    }

    const ms = Math.round(value * 1000);
    return ms >= 1 && ms <= maxTimerMs ? ms : undefined;
  },
};

const trueWords = new Set(['1', 'true', 'yes', 'on']);
const falseWords = new Set(['0', 'false', 'no', 'off']);

/** @internal */
export const booleanFlag: ValueParser<boolean> = {
  accepted: 'true or false (1/0, yes/no and on/off are accepted too)',
  parse(raw) {
    if (typeof raw === 'boolean') {
      return raw;
    }

    if (typeof raw !== 'string') {
      return undefined;
    }

    const word = raw.trim().toLowerCase();
    if (trueWords.has(word)) {
      return true;
    }

    return falseWords.has(word) ? false : undefined;
  },
};

/** An http or https URL, returned without trailing slashes. @internal */
export const httpUrl: ValueParser<string> = {
  accepted: 'an http or https URL, such as http://localhost:5500',
  parse(raw) {
    if (typeof raw !== 'string') {
      return undefined;
    }

    const text = raw.trim();
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }

    return url.protocol === 'http:' || url.protocol === 'https:' ? text.replace(/\/+$/, '') : undefined;
  },
};

/** @internal */
export const regionName: ValueParser<string> = {
  accepted: 'an AWS region name of letters, digits and hyphens, such as us-east-1',
  parse(raw) {
    return typeof raw === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(raw.trim()) ? raw.trim() : undefined;
  },
};

/** Characters allowed in the prefix of an activity name. @internal */
export const environmentName: ValueParser<string> = {
  accepted: 'up to 60 letters, digits, hyphens, underscores or dots, such as dev; empty for no prefix',
  parse(raw) {
    return typeof raw === 'string' && /^[A-Za-z0-9_.-]{0,60}$/.test(raw.trim()) ? raw.trim() : undefined;
  },
};

/** @internal */
export const activityNameSeparator: ValueParser<'_' | '-'> = {
  accepted: '_ (the Python library) or - (the .NET library)',
  parse(raw) {
    return raw === '_' || raw === '-' ? raw : undefined;
  },
};

/** @internal */
export const logLevel: ValueParser<LogLevel> = {
  accepted: logLevelRule,
  parse(raw) {
    return typeof raw === 'string' ? parseLogLevel(raw) : undefined;
  },
};

/** @internal */
export const logFormat: ValueParser<LogFormat> = {
  accepted: 'one of pretty, json, auto',
  parse(raw) {
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
    return logFormats.find((format) => format === text);
  },
};

/** @internal */
export const nonEmptyText: ValueParser<string> = {
  accepted: 'a non-empty string',
  parse(raw) {
    return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
  },
};

/** JSON text whose top level is an array or an object, returned as given. @internal */
export const jsonDocument: ValueParser<string> = {
  accepted: 'JSON text holding an array of store definitions, such as [{"Name": "warehouse", "Type": "sqlite", "Config": {...}}]',
  parse(raw) {
    if (typeof raw !== 'string') {
      return undefined;
    }

    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' ? raw : undefined;
    } catch {
      return undefined;
    }
  },
};

/** A TCP port; 0 lets the system pick a free one. @internal */
export const portNumber: ValueParser<number> = {
  accepted: 'a TCP port from 0 to 65535, such as 9090 (0 picks a free port)',
  parse(raw) {
    const value = toNumber(raw);
    return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 65_535 ? value : undefined;
  },
};

/** A host name or IP address to listen on, without a port. @internal */
export const listenHost: ValueParser<string> = {
  accepted: 'a host name or an IP address, such as 0.0.0.0, 127.0.0.1 or ::',
  parse(raw) {
    return typeof raw === 'string' && /^[A-Za-z0-9.:%_-]{1,253}$/.test(raw.trim()) ? raw.trim() : undefined;
  },
};

/** Seconds, zero included, converted to whole milliseconds up to {@link maxTimerMs}. @internal */
export const nonNegativeSecondsAsMs: ValueParser<number> = {
  accepted: `a number of seconds from 0 to ${timerLimit}, such as 30`,
  parse(raw) {
    const value = toNumber(raw);
    if (value === undefined || !Number.isFinite(value) || value < 0) {
      return undefined;
    }

    const ms = Math.round(value * 1000);
    return ms <= maxTimerMs ? ms : undefined;
  },
};
