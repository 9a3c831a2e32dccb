/**
 * Configuration keys whose values are secrets, compared after {@link normalizeConfigKey}.
 * Connection strings count as secrets because they usually embed a password.
 * @internal
 */
const SECRET_KEY_PATTERN = /pass|pwd|secret|token|credential|connectionstring|conninfo|privatekey$|accesskey|apikey/;

/** Keys that look like secrets by name but hold a file path or an identifier. */
const NOT_SECRET_PATTERN = /path$|filename$|file$/;

/**
 * Normalizes a configuration key for matching: lower case, without spaces, underscores,
 * hyphens or dots, so `User Id`, `user_id` and `UserId` are the same key.
 * @public
 */
export function normalizeConfigKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]/g, '');
}

/**
 * Tells whether a configuration key holds a secret (password, key, token, connection string).
 * @public
 */
export function isSecretConfigKey(key: string): boolean {
  const normalized = normalizeConfigKey(key);
  return SECRET_KEY_PATTERN.test(normalized) && !NOT_SECRET_PATTERN.test(normalized);
}
