import { StoreConfigurationError } from '../errors/store-configuration-error';
import { isSecretConfigKey, normalizeConfigKey } from '../secrets/secret-keys';

/** A configuration value found under one of a key's aliases. @public */
export interface ConfigEntry {
  /** Key as written in the configuration. */
  readonly key: string;
  readonly value: unknown;
}

/**
 * Reads a store's `Config` object the way beVault and the Python library do: keys match
 * case-insensitively (spaces, underscores, hyphens and dots ignored), and each setting accepts a
 * list of aliases tried in order, the first present one winning.
 *
 * Blank strings count as absent, except for passwords, which may be empty. Error messages name
 * the key and show the value only when the key is not a secret.
 * @public
 */
export class StoreConfigReader {
  private readonly entries = new Map<string, ConfigEntry>();
  private readonly secrets: string[] = [];

  constructor(
    /** Name of the store, used in error messages. */
    readonly storeName: string,
    config: Record<string, unknown>,
  ) {
    for (const [key, value] of Object.entries(config)) {
      const normalized = normalizeConfigKey(key);
      if (!this.entries.has(normalized)) {
        this.entries.set(normalized, { key, value });
      }
      if (isSecretConfigKey(key) && typeof value === 'string' && value !== '') {
        this.secrets.push(value);
      }
    }
  }

  /** Returns the first present entry among `aliases`, or `undefined`. */
  find(aliases: readonly string[]): ConfigEntry | undefined {
    for (const alias of aliases) {
      const entry = this.entries.get(normalizeConfigKey(alias));
      if (entry === undefined || entry.value === undefined || entry.value === null) {
        continue;
      }
      if (typeof entry.value === 'string' && entry.value.trim() === '' && !isPasswordKey(alias)) {
        continue;
      }
      return entry;
    }
    return undefined;
  }

  /** Reads a string setting. Numbers and booleans are converted; other types are rejected. */
  string(aliases: readonly string[]): string | undefined {
    const entry = this.find(aliases);
    if (entry === undefined) {
      return undefined;
    }
    if (typeof entry.value === 'string') {
      return isPasswordKey(entry.key) ? entry.value : entry.value.trim();
    }
    if (typeof entry.value === 'number' || typeof entry.value === 'boolean') {
      return String(entry.value);
    }
    throw this.invalid(entry, 'must be a string');
  }

  /** Reads a string setting that must be present. `description` says what it is for. */
  requiredString(aliases: readonly string[], description: string): string {
    const value = this.string(aliases);
    if (value === undefined) {
      throw new StoreConfigurationError(
        `Store '${this.storeName}' is missing ${description}: set one of ${aliases.map((alias) => `'${alias}'`).join(', ')} in its Config.`,
      );
    }
    return value;
  }

  /** Reads a whole number, given as a number or a numeric string, within `[min, max]`. */
  integer(aliases: readonly string[], range: { min: number; max: number }): number | undefined {
    const entry = this.find(aliases);
    if (entry === undefined) {
      return undefined;
    }
    const value = typeof entry.value === 'string' ? Number(entry.value.trim()) : entry.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
      throw this.invalid(entry, `must be a whole number from ${range.min} to ${range.max}`);
    }
    return value;
  }

  /** Reads a boolean, given as a boolean or one of true/false, yes/no, 1/0, on/off. */
  boolean(aliases: readonly string[]): boolean | undefined {
    const entry = this.find(aliases);
    if (entry === undefined) {
      return undefined;
    }
    const parsed = parseBoolean(entry.value);
    if (parsed === undefined) {
      throw this.invalid(entry, 'must be true or false');
    }
    return parsed;
  }

  /**
   * Adds a secret found inside another value (a password inside a connection string), so it is
   * scrubbed from driver errors too.
   */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value !== '') {
      this.secrets.push(value);
    }
  }

  /**
   * Values of the secret keys of this configuration (passwords, keys, tokens, connection
   * strings), so error messages from drivers can be scrubbed.
   */
  secretValues(): readonly string[] {
    return this.secrets;
  }

  /** Builds the error for a present but invalid entry. */
  invalid(entry: ConfigEntry, expectation: string): StoreConfigurationError {
    const shown = isSecretConfigKey(entry.key) ? '' : ` (got ${JSON.stringify(entry.value)})`;
    return new StoreConfigurationError(`Config key '${entry.key}' of store '${this.storeName}' ${expectation}${shown}.`);
  }
}

/**
 * Parses a boolean written as a boolean, a number 1/0 or a string true/false, yes/no, 1/0, on/off.
 * @internal
 */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    if (value === 1) {
      return true;
    }
    if (value === 0) {
      return false;
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(text)) {
    return true;
  }
  if (['false', 'no', '0', 'off'].includes(text)) {
    return false;
  }
  return undefined;
}

function isPasswordKey(key: string): boolean {
  const normalized = normalizeConfigKey(key);
  return normalized.includes('pass') || normalized === 'pwd';
}
