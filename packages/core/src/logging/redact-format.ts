import { format, type Logform } from 'winston';

/** Replacement written in place of a redacted value. */
export const redactedMark = '[REDACTED]';

/** Field names whose values are secrets, whatever their case. */
const sensitiveWords = /password|passwd|passphrase|secret|token|credential|authorization|cookie|connectionstring|connection_string|conninfo|apikey|api_key|privatekey|private_key|accesskey|access_key/i;
/** camelCase or snake_case names ending in "key" (`sshKey`, `aws_key`) and `key` itself. */
const keyNames = /(^key$|^pwd$|[a-z0-9]Key$|[_-]key$)/;

/** File tokens name a store and a path, not a credential, so they stay readable. */
const notSecretNames = /^(file_?token|file_?tokens|source_?token|target_?token|output_?token)$/i;

/** Fields winston and our formats own, never redacted. */
const reservedFields = new Set(['level', 'message', 'timestamp']);

const maxDepth = 8;
const minSecretLength = 4;

/**
 * Tells whether a metadata field name looks like it contains a secret: names like
 * password, secret, token, credential, connectionString, apiKey or privateKey.
 *
 * @internal
 */
export function isSensitiveKey(key: string): boolean {
  if (notSecretNames.test(key)) {
    return false;
  }

  return sensitiveWords.test(key) || keyNames.test(key);
}

/**
 * Creates a winston format that removes secrets from each entry before it is written:
 * fields whose name looks secret (see {@link isSensitiveKey}) become
 * `[REDACTED]` at any depth, every occurrence of a configured secret value in
 * the message and in string fields is replaced the same way, and `Error`
 * values become `{ name, message, stack }` so JSON output keeps them.
 *
 * A secret value is replaced only as a whole token: an occurrence with a
 * letter, digit or `_` right before or after it is part of a longer word and stays,
 * so a secret `local` leaves "locally" alone. Secret values shorter than 4
 * characters are not searched for, because they would match ordinary text.
 *
 * @internal
 */
export function redactFormat(secretValues: readonly string[]): Logform.Format {
  const scrub = secretScrubber(secretValues);

  return format((info) => {
    const entry = info as Record<string, unknown>;
    if (typeof entry.message === 'string') {
      entry.message = scrub(entry.message);
    }
    if (typeof entry.stack === 'string') {
      entry.stack = scrub(entry.stack);
    }

    for (const key of Object.keys(entry)) {
      if (!reservedFields.has(key)) {
        entry[key] = isSensitiveKey(key) ? redactedMark : redactValue(entry[key], scrub, 0, new Set());
      }
    }

    return info;
  })();
}

/**
 * Returns a function that replaces each whole-token occurrence of a secret
 * value with {@link redactedMark}. Longer secrets are tried first, so one that
 * contains another is replaced whole.
 */
function secretScrubber(secretValues: readonly string[]): (text: string) => string {
  const secrets = [...new Set(secretValues.filter((value) => value.length >= minSecretLength))].sort((a, b) => b.length - a.length);

  if (secrets.length === 0) {
    return (text) => text;
  }

  const alternatives = secrets.map((secret) => secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'gu');

  return (text) => text.replace(pattern, redactedMark);
}

/** `ancestors` holds the objects on the path from the entry, to cut cycles. */
function redactValue(value: unknown, scrub: (text: string) => string, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') {
    return scrub(value);
  }

  if (value === null || typeof value !== 'object') {
    return value;
  }

  if (value instanceof Date) {
    return value;
  }

  if (ancestors.has(value) || depth >= maxDepth) {
    return '[Circular or too deep]';
  }

  ancestors.add(value);
  try {
    return redactObject(value, scrub, depth, ancestors);
  } catch {
    // A getter that throws (on an error's message, a proxy) must not stop the entry from being written.
    return '[Unreadable value]';
  } finally {
    ancestors.delete(value);
  }
}

function redactObject(value: object, scrub: (text: string) => string, depth: number, ancestors: Set<object>): unknown {
  if (value instanceof Error) {
    return redactValue(describeError(value), scrub, depth + 1, ancestors);
  }

  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, scrub, depth + 1, ancestors));
  }

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? redactedMark : redactValue(item, scrub, depth + 1, ancestors);
  }

  return copy;
}

function describeError(error: Error): Record<string, unknown> {
  const described: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) {
    described.code = code;
  }
  if (error.cause !== undefined) {
    described.cause = error.cause;
  }

  return described;
}
