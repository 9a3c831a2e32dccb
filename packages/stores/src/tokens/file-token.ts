import { InvalidFileTokenError } from '../errors/invalid-file-token-error';

/**
 * The parts of a file token `<type>://<storeName>/<path>`.
 * @public
 */
export interface FileToken {
  /** Store type named by the scheme, lower case (`file`, `sftp`, `s3`...). */
  readonly type: string;

  /** Store name from the host part, percent-decoded. */
  readonly storeName: string;

  /** Path relative to the store's base, percent-decoded, segments joined by `/`. */
  readonly path: string;
}

const TOKEN_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/]*)(?:\/(.*))?$/s;

/** Characters that `encodeURIComponent` escapes but that are safe and readable in a path. */
const READABLE_ESCAPES = /%(40|3A|2C|3B|3D|2B|24|26)/g;

/**
 * Parses a file token `<type>://<storeName>/<path>`. The store name and each path segment are
 * percent-decoded, so tokens written by other tools with raw spaces and tokens written by
 * {@link formatFileToken} both parse.
 *
 * @throws InvalidFileTokenError when the token is malformed or its path is absolute, contains
 * `.` or `..` segments, empty segments, backslashes, NUL bytes, or percent-encoded separators or
 * dots that would decode to a traversal.
 * @public
 */
export function parseFileToken(token: string): FileToken {
  if (typeof token !== 'string') {
    throw new InvalidFileTokenError(String(token), 'a file token must be a string');
  }

  const match = TOKEN_PATTERN.exec(token);
  if (match === null) {
    throw new InvalidFileTokenError(token, 'expected the form <type>://<storeName>/<path>');
  }

  const [, scheme, encodedName, encodedPath] = match;
  const storeName = decode(token, encodedName!, 'store name');
  if (storeName.trim() === '') {
    throw new InvalidFileTokenError(token, 'the store name (between :// and the next /) is empty');
  }
  if (encodedPath === undefined || encodedPath === '') {
    throw new InvalidFileTokenError(token, 'the path after the store name is empty');
  }

  const path = checkRelativePath(encodedPath, (reason) => new InvalidFileTokenError(token, reason), true);
  return { type: scheme!.toLowerCase(), storeName, path };
}

/**
 * Builds a file token from a store type, a store name and a path relative to the store's base.
 * Leading slashes of `path` are dropped; the name and the path segments are percent-encoded.
 *
 * @throws InvalidFileTokenError when the path would leave the store's base.
 * @public
 */
export function formatFileToken(type: string, storeName: string, path: string): string {
  const relative = normalizeFilePath(path);
  const encodedPath = relative.split('/').map(encodeSegment).join('/');
  return `${type.toLowerCase()}://${encodeSegment(storeName)}/${encodedPath}`;
}

/**
 * Checks a path given by a caller (not a token) and returns it relative, without leading
 * slashes, segments joined by `/`. Backslashes are not separators and are rejected.
 *
 * @throws InvalidFileTokenError when the path is empty or would leave the store's base.
 * @public
 */
export function normalizeFilePath(path: string): string {
  const trimmed = path.replace(/^\/+/, '');
  return checkRelativePath(trimmed, (reason) => new InvalidFileTokenError(path, reason), false);
}

/**
 * Checks a list prefix: like {@link normalizeFilePath} but an empty prefix and a trailing slash
 * are allowed. Returns the prefix without leading slashes.
 * @internal
 */
export function normalizeListPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  if (trimmed === '') {
    return '';
  }
  const withoutTrailing = trimmed.replace(/\/+$/, '');
  const checked = checkRelativePath(withoutTrailing, (reason) => new InvalidFileTokenError(prefix, reason), false);
  return trimmed.endsWith('/') ? `${checked}/` : checked;
}

function checkRelativePath(
  path: string,
  fail: (reason: string) => InvalidFileTokenError,
  percentEncoded: boolean,
): string {
  if (path === '') {
    throw fail('the path is empty');
  }
  if (path.startsWith('/')) {
    throw fail('the path is absolute; paths are relative to the store base');
  }

  const segments = path.split('/').map((segment) => (percentEncoded ? decodeSegment(segment, fail) : segment));
  for (const segment of segments) {
    if (segment === '') {
      throw fail('the path has an empty segment (// or a trailing /)');
    }
    if (segment === '.' || segment === '..') {
      throw fail(`the path contains a '${segment}' segment; paths may not leave the store base`);
    }
    if (segment.includes('/') || segment.includes('\\')) {
      throw fail('the path contains an encoded separator or a backslash');
    }
    if (segment.includes('\0')) {
      throw fail('the path contains a NUL character');
    }
    if (/%(2e|2f|5c|00)/i.test(segment)) {
      throw fail('the path contains a percent-encoded dot, separator or NUL after decoding');
    }
  }
  if (/^[a-zA-Z]:$/.test(segments[0]!)) {
    throw fail('the path starts with a drive letter; paths are relative to the store base');
  }
  return segments.join('/');
}

function decodeSegment(segment: string, fail: (reason: string) => InvalidFileTokenError): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw fail(`the path segment '${segment}' has an invalid percent-encoding`);
  }
}

function decode(token: string, text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidFileTokenError(token, `the ${what} has an invalid percent-encoding`);
  }
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(READABLE_ESCAPES, (escape) => decodeURIComponent(escape));
}
