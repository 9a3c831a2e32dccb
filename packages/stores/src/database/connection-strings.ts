import { StoreConfigurationError } from '../errors/store-configuration-error';
import { normalizeConfigKey } from '../secrets/secret-keys';

/**
 * Parses a key-value connection string into a map of normalized keys (lower case, no spaces or
 * underscores) to values. Two syntaxes are read:
 *
 * - ADO.NET and ODBC, pairs separated by `;`, values optionally in `"…"`, `'…'` or `{…}`
 *   (`Server=db;User Id=app;Password="a;b"`), used when the text contains a `;`;
 * - libpq, pairs separated by spaces, values optionally in `'…'` with `\` escapes
 *   (`host=db dbname=app password='a b'`), used otherwise.
 *
 * The first occurrence of a key wins.
 * @public
 */
export function parseKeyValueConnectionString(text: string): Map<string, string> {
  return text.includes(';') ? parseSeparated(text) : parseLibpq(text);
}

/** Tells whether a connection string is a URL (`scheme://...`). @internal */
export function isUrlConnectionString(text: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text.trim());
}

/** Parts of a URL connection string, percent-decoded. @internal */
export interface UrlConnectionParts {
  readonly scheme: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly params: Map<string, string>;
}

/**
 * Parses `scheme://user:password@host:port/database?key=value`. The error never quotes the text,
 * which holds a password.
 * @internal
 */
export function parseUrlConnectionString(text: string, storeName: string): UrlConnectionParts {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new StoreConfigurationError(`The connection string of store '${storeName}' is not a valid URL.`);
  }

  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    params.set(normalizeConfigKey(key), value);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\/+/, '').split('/')[0] ?? '');
  return {
    scheme: url.protocol.replace(/:$/, '').toLowerCase(),
    host: url.hostname === '' ? undefined : decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
    port: url.port === '' ? undefined : Number(url.port),
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database: database === '' ? undefined : database,
    params,
  };
}

function parseSeparated(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let index = 0;
  while (index < text.length) {
    const equals = text.indexOf('=', index);
    if (equals === -1) {
      break;
    }
    const key = normalizeConfigKey(text.slice(index, equals).replace(/^[\s;]+/, ''));
    let cursor = equals + 1;
    while (text[cursor] === ' ') {
      cursor++;
    }

    let value: string;
    const quote = text[cursor];
    if (quote === '"' || quote === "'" || quote === '{') {
      const close = quote === '{' ? '}' : quote;
      const { text: quoted, end } = readQuoted(text, cursor + 1, close);
      value = quoted;
      const separator = text.indexOf(';', end);
      cursor = separator === -1 ? text.length : separator + 1;
    } else {
      const separator = text.indexOf(';', cursor);
      const end = separator === -1 ? text.length : separator;
      value = text.slice(cursor, end).trim();
      cursor = end + 1;
    }

    if (key !== '' && !pairs.has(key)) {
      pairs.set(key, value);
    }
    index = cursor;
  }
  return pairs;
}

/** Reads up to `close`; a doubled closing character stands for itself (ADO.NET rule). */
function readQuoted(text: string, start: number, close: string): { text: string; end: number } {
  let value = '';
  let cursor = start;
  while (cursor < text.length) {
    const char = text[cursor]!;
    if (char === close) {
      if (text[cursor + 1] === close) {
        value += close;
        cursor += 2;
        continue;
      }
      return { text: value, end: cursor + 1 };
    }
    value += char;
    cursor++;
  }
  return { text: value, end: cursor };
}

function parseLibpq(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const pattern = /\s*([^=\s]+)\s*=\s*('((?:\\.|[^'\\])*)'|(\S*))/g;
  for (const match of text.matchAll(pattern)) {
    const key = normalizeConfigKey(match[1]!);
    const value = match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : (match[4] ?? '');
    if (!pairs.has(key)) {
      pairs.set(key, value);
    }
  }
  return pairs;
}
