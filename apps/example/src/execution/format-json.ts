/** Longest line, in characters, that an object or array of plain values is kept on. */
const MAX_INLINE_LENGTH = 72;

function isPlainValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Formats a JSON value with two-space indentation, like
 * `JSON.stringify(value, null, 2)`, but writes an object or array whose
 * members are all plain values on one line when that line is short, so that
 * a list of rows reads as one row per line.
 */
export function formatJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }

  const entries: [string | undefined, unknown][] = Array.isArray(value) ? value.map((item) => [undefined, item]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return `${open}${close}`;
  }

  const member = (key: string | undefined, text: string): string => (key === undefined ? text : `${JSON.stringify(key)}: ${text}`);
  if (entries.every(([, item]) => isPlainValue(item))) {
    const inline = `${open} ${entries.map(([key, item]) => member(key, JSON.stringify(item))).join(', ')} ${close}`;
    if (indent.length + inline.length <= MAX_INLINE_LENGTH) {
      return inline;
    }
  }

  const inner = `${indent}  `;
  const lines = entries.map(([key, item]) => `${inner}${member(key, formatJson(item, inner))}`);
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}
