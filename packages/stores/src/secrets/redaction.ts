import { inspect } from 'node:util';

import { isSecretConfigKey } from './secret-keys';

/** Text that replaces a secret value in logs, errors and inspected objects. @public */
export const REDACTED = '[REDACTED]';

/**
 * Returns a copy of a configuration object with every secret value replaced by
 * {@link REDACTED}, recursively for nested objects.
 * @public
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (isSecretConfigKey(key) && value !== undefined && value !== null && value !== '') {
      copy[key] = REDACTED;
    } else if (isPlainObject(value)) {
      copy[key] = redactConfig(value);
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/**
 * Makes a configuration object print redacted: `JSON.stringify`, `util.inspect` and template
 * strings show secret values as {@link REDACTED}. The values stay readable by key, so store
 * factories keep working. Returns the same object.
 *
 * NOTE: a shallow copy (`{ ...config }`) loses the protection because the hooks are
 * non-enumerable; pass the object itself around.
 * @public
 */
export function protectConfig<T extends Record<string, unknown>>(config: T): T {
  if (Object.prototype.hasOwnProperty.call(config, 'toJSON')) {
    return config;
  }

  Object.defineProperty(config, 'toJSON', { value: () => redactConfig(config), enumerable: false });
  Object.defineProperty(config, inspect.custom, {
    value: (depth: number, options: object) => inspect(redactConfig(config), { ...options, depth }),
    enumerable: false,
  });
  Object.defineProperty(config, 'toString', { value: () => JSON.stringify(redactConfig(config)), enumerable: false });
  return config;
}

/**
 * Replaces every occurrence of the given secret values in a text by {@link REDACTED}.
 * Secrets shorter than 4 characters are left alone to avoid mangling unrelated text.
 * @public
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      scrubbed = scrubbed.split(secret).join(REDACTED);
    }
  }
  return scrubbed;
}

/**
 * Removes known secret values from an error's message and stack, and from its causes, in place.
 * Returns the same error.
 * @internal
 */
export function scrubError<T>(error: T, secrets: readonly string[]): T {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    current.message = scrubSecrets(current.message, secrets);
    if (current.stack !== undefined) {
      current.stack = scrubSecrets(current.stack, secrets);
    }
    current = current.cause;
  }
  return error;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
