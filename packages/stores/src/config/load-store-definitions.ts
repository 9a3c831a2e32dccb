import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { StoreConfigurationError } from '../errors/store-configuration-error';
import { normalizeConfigKey } from '../secrets/secret-keys';
import { normalizeStoreDefinition } from './normalize-store-definition';
import type { StoreDefinition, StoreSource } from './store-definition';

/** Environment variable holding the store definitions as JSON. @public */
export const STORE_CONFIG_VARIABLE = 'STORE_CONFIG';

/** File read from the working directory when neither `STORE_CONFIG` nor a path is given. @public */
export const DEFAULT_STORE_CONFIG_FILE = 'config.json';

/** Options of {@link loadStoreDefinitions}. @public */
export interface LoadStoreDefinitionsOptions {
  /**
   * Path of the definitions file; relative paths resolve against `cwd`. When set, the file must
   * exist. When unset, `<cwd>/config.json` is read if it exists.
   */
  configPath?: string;

  /**
   * Environment to read `STORE_CONFIG` from.
   * @defaultValue process.env
   */
  env?: NodeJS.ProcessEnv;

  /**
   * Directory that relative paths and the default `config.json` resolve against.
   * @defaultValue process.cwd()
   */
  cwd?: string;
}

/**
 * Loads the local store definitions, looking in the same places as the Python library
 * `bevault_workers`:
 *
 * 1. the `STORE_CONFIG` environment variable, when it is set and not blank (JSON text);
 * 2. otherwise the file at `configPath`, which must exist;
 * 3. otherwise `config.json` in `cwd`; a missing file means no stores.
 *
 * Both the Python array form (`[{Name, Type, Config}]`) and the .NET form
 * (`{"Stores": {"Stores": [...]}}`) are accepted; see {@link parseStoreDefinitions}.
 *
 * @throws StoreConfigurationError when the JSON is invalid or not of either form, or when
 * `configPath` names a missing file.
 * @public
 */
export function loadStoreDefinitions(options: LoadStoreDefinitionsOptions = {}): StoreDefinition[] {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();

  const variable = env[STORE_CONFIG_VARIABLE];
  if (variable !== undefined && variable.trim() !== '') {
    return parseStoreDefinitions(parseJson(variable, `the ${STORE_CONFIG_VARIABLE} environment variable`), {
      origin: STORE_CONFIG_VARIABLE,
    });
  }

  if (options.configPath !== undefined) {
    const path = resolve(cwd, options.configPath);
    if (!existsSync(path)) {
      throw new StoreConfigurationError(`Store configuration file '${path}' does not exist. Fix the path or remove the option.`);
    }
    return readDefinitionsFile(path);
  }

  const defaultPath = resolve(cwd, DEFAULT_STORE_CONFIG_FILE);
  return existsSync(defaultPath) ? readDefinitionsFile(defaultPath) : [];
}

/** Options of {@link parseStoreDefinitions}. @public */
export interface ParseStoreDefinitionsOptions {
  /** @defaultValue 'local' */
  source?: StoreSource;

  /** Where the document was read, for error messages. */
  origin?: string;
}

/**
 * Converts a parsed definitions document into definitions. Accepted forms: an array of entries;
 * an object with a `Stores` key (any casing) holding an array or an object whose `Stores` key
 * holds the array (the .NET `appsettings.json` layout); the same under `fileStores`.
 * @public
 */
export function parseStoreDefinitions(document: unknown, options: ParseStoreDefinitionsOptions = {}): StoreDefinition[] {
  const origin = options.origin ?? 'store definitions';
  const entries = findEntries(document);
  if (entries === undefined) {
    throw new StoreConfigurationError(
      `Invalid store definitions in ${origin}: expected an array of {Name, Type, Config} or an object {"Stores": {"Stores": [...]}}.`,
    );
  }
  return entries.map((entry, index) =>
    normalizeStoreDefinition(entry, { source: options.source ?? 'local', origin: `${origin} (entry ${index})` }),
  );
}

function findEntries(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) {
    return document;
  }
  if (typeof document !== 'object' || document === null) {
    return undefined;
  }

  for (const [key, value] of Object.entries(document)) {
    const normalized = normalizeConfigKey(key);
    if (normalized !== 'stores' && normalized !== 'filestores') {
      continue;
    }
    if (Array.isArray(value)) {
      return value;
    }
    const nested = findEntries(value);
    if (nested !== undefined) {
      return nested;
    }
  }
  return undefined;
}

function readDefinitionsFile(path: string): StoreDefinition[] {
  const text = readFileSync(path, 'utf8');
  return parseStoreDefinitions(parseJson(text, `store configuration file '${path}'`), { origin: path });
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message quotes part of the text, which may hold a password, so it is dropped.
    throw new StoreConfigurationError(`Invalid JSON in ${origin}. Check it with a JSON validator.`);
  }
}
