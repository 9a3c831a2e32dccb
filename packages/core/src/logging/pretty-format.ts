import { format, type Logform } from 'winston';

const levelColors: Readonly<Record<string, string>> = {
  error: '\u001b[31m',
  warn: '\u001b[33m',
  info: '\u001b[32m',
  debug: '\u001b[90m',
};
const resetColor = '\u001b[0m';

/** Fields printed in the line's fixed part rather than as `key=value`. */
const lineFields = new Set(['level', 'message', 'timestamp']);

/**
 * Creates a winston format that prints one readable line per entry:
 * `2024-05-01 12:00:00.123Z INFO  Task succeeded worker=csv_import durationMs=12` (UTC time),
 * with the level coloured when `colors` is on, and the stack of any error
 * field on the following lines.
 *
 * @internal
 */
export function prettyFormat(colors: boolean): Logform.Format {
  return format.printf((info) => {
    const entry = info as Record<string, unknown>;
    const time = typeof entry.timestamp === 'string' ? entry.timestamp.replace('T', ' ') : '';
    const label = info.level.toUpperCase().padEnd(5);
    const level = colors ? `${levelColors[info.level] ?? ''}${label}${resetColor}` : label;

    const fields: string[] = [];
    const stacks: string[] = [];
    for (const [key, value] of Object.entries(entry)) {
      if (lineFields.has(key) || value === undefined) {
        continue;
      }

      fields.push(`${key}=${formatValue(value)}`);
      const stack = stackOf(value);
      if (stack !== undefined) {
        stacks.push(stack);
      }
    }

    const line = [time, level, String(info.message), ...fields].filter((part) => part !== '').join(' ');
    return stacks.length === 0 ? line : [line, ...stacks.map(indent)].join('\n');
  });
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  }

  if (value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    const error = value as { name?: unknown; message: string };
    return JSON.stringify(typeof error.name === 'string' ? `${error.name}: ${error.message}` : error.message);
  }

  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function stackOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }

  const stack = (value as { stack?: unknown }).stack;
  return typeof stack === 'string' ? stack : undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
