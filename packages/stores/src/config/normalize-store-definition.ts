import { StoreConfigurationError } from '../errors/store-configuration-error';
import { protectConfig } from '../secrets/redaction';
import { normalizeConfigKey } from '../secrets/secret-keys';
import { parseBoolean } from './store-config-reader';
import { DEFAULT_HEALTH_CHECK_DELAY_SECONDS, type StoreDefinition, type StoreSource } from './store-definition';

/** Options of {@link normalizeStoreDefinition}. @public */
export interface NormalizeStoreDefinitionOptions {
  /**
   * Source recorded on the definition.
   * @defaultValue 'local'
   */
  source?: StoreSource;

  /** Where the entry was read, for error messages (a file path, `STORE_CONFIG`). */
  origin?: string;
}

/**
 * Converts one raw entry (`{Name, Type, Config, HealthCheck, HealthCheckDelaySeconds, Status}`,
 * keys in any casing, as in config.json, STORE_CONFIG or a States store payload) into a
 * {@link StoreDefinition}.
 *
 * `Config` may be an object or a JSON string. An entry with a name but an invalid type or
 * `Config` is returned with `invalidReason` set, so the other stores keep working.
 *
 * @throws StoreConfigurationError when the entry is not an object or has no name.
 * @public
 */
export function normalizeStoreDefinition(raw: unknown, options: NormalizeStoreDefinitionOptions = {}): StoreDefinition {
  const origin = options.origin ?? 'store definitions';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreConfigurationError(`Invalid store definition in ${origin}: expected an object with Name, Type and Config.`);
  }

  const fields = indexFields(raw as Record<string, unknown>);
  const name = fields.get('name');
  if (typeof name !== 'string' || name.trim() === '') {
    throw new StoreConfigurationError(`Invalid store definition in ${origin}: 'Name' is missing or not a non-empty string.`);
  }

  const problems: string[] = [];
  const type = fields.get('type');
  if (typeof type !== 'string' || type.trim() === '') {
    problems.push(`'Type' is missing or not a non-empty string`);
  }

  const config = readConfig(fields.get('config'), problems);
  const healthCheck = readHealthCheck(fields, problems);
  const healthCheckDelaySeconds = readDelay(fields.get('healthcheckdelayseconds'), problems);
  const status = fields.get('status');

  return {
    name: name.trim(),
    type: typeof type === 'string' ? type.trim() : '',
    config: protectConfig(config),
    healthCheck,
    healthCheckDelaySeconds,
    deleted: typeof status === 'string' && status.trim().toLowerCase() === 'deleted',
    source: options.source ?? 'local',
    ...(problems.length > 0 ? { invalidReason: `invalid definition: ${problems.join('; ')}` } : {}),
  };
}

function indexFields(raw: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(raw)) {
    const normalized = normalizeConfigKey(key);
    if (!fields.has(normalized)) {
      fields.set(normalized, value);
    }
  }
  return fields;
}

function readConfig(value: unknown, problems: string[]): Record<string, unknown> {
  if (value === undefined || value === null || value === '') {
    return {};
  }

  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      // The parser's message quotes the text, which may hold a password, so it is not kept.
      problems.push(`'Config' is a string that is not valid JSON`);
      return {};
    }
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`'Config' must be an object or a JSON string of an object`);
    return {};
  }
  return { ...(parsed as Record<string, unknown>) };
}

function readHealthCheck(fields: Map<string, unknown>, problems: string[]): boolean {
  const raw = fields.get('healthcheck') ?? fields.get('enablehealthcheck');
  if (raw === undefined || raw === null) {
    return false;
  }
  const parsed = parseBoolean(raw);
  if (parsed === undefined) {
    problems.push(`'HealthCheck' must be true or false`);
    return false;
  }
  return parsed;
}

/** Longest interval a Node.js timer supports, in whole seconds (2,147,483,647 ms). */
const MAX_HEALTH_CHECK_DELAY_SECONDS = 2_147_483;

function readDelay(raw: unknown, problems: string[]): number {
  if (raw === undefined || raw === null || raw === '') {
    return DEFAULT_HEALTH_CHECK_DELAY_SECONDS;
  }
  const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    problems.push(`'HealthCheckDelaySeconds' must be a positive number of seconds`);
    return DEFAULT_HEALTH_CHECK_DELAY_SECONDS;
  }
  if (value > MAX_HEALTH_CHECK_DELAY_SECONDS) {
    problems.push(
      `'HealthCheckDelaySeconds' is ${value}; use at most ${MAX_HEALTH_CHECK_DELAY_SECONDS} (about 24.8 days, the longest timer Node.js supports)`,
    );
    return DEFAULT_HEALTH_CHECK_DELAY_SECONDS;
  }
  return value;
}
