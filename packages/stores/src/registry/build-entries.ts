import { StoreConfigReader } from '../config/store-config-reader';
import type { StoreDefinition } from '../config/store-definition';
import { describeError, type StoreLogger } from '../logging/store-logger';
import { scrubError, scrubSecrets } from '../secrets/redaction';
import type { StoreTypeRegistry } from '../types/store-type-registry';
import { fingerprintOf, StoreEntry } from './store-entry';

/** What applying definitions changed, by store name. @public */
export interface StoreDefinitionChanges {
  readonly added: string[];
  readonly replaced: string[];
  readonly removed: string[];
  readonly unchanged: string[];

  /** Stores whose new definition could not be built: name → reason. */
  readonly failed: Map<string, string>;
}

interface BuildOptions {
  readonly types: StoreTypeRegistry;
  readonly logger: StoreLogger;

  /** Entries of the generation being replaced; entries with the same type and config are reused. */
  readonly previous: ReadonlyMap<string, StoreEntry>;
}

/**
 * Builds the entries of a new generation from definitions. Deleted definitions are left out; of
 * two definitions with the same name, a local one wins over one from States, otherwise the first
 * wins. A definition that cannot be built becomes an entry with a failure, logged as a warning.
 * @internal
 */
export function buildEntries(
  definitions: readonly StoreDefinition[],
  options: BuildOptions,
): { entries: Map<string, StoreEntry>; changes: StoreDefinitionChanges } {
  const selected = selectDefinitions(definitions, options.logger);
  const entries = new Map<string, StoreEntry>();
  const changes: StoreDefinitionChanges = { added: [], replaced: [], removed: [], unchanged: [], failed: new Map() };

  for (const [key, definition] of selected) {
    const previous = options.previous.get(key);
    if (previous !== undefined && previous.fingerprint === fingerprintOf(definition)) {
      previous.definition = definition;
      entries.set(key, previous);
      changes.unchanged.push(definition.name);
      continue;
    }

    const entry = buildEntry(definition, options);
    entries.set(key, entry);
    (previous === undefined ? changes.added : changes.replaced).push(definition.name);
    if (entry.failure !== undefined) {
      changes.failed.set(definition.name, entry.failure.reason);
    }
  }

  for (const [key, previous] of options.previous) {
    if (!entries.has(key)) {
      changes.removed.push(previous.definition.name);
    }
  }
  return { entries, changes };
}

function selectDefinitions(definitions: readonly StoreDefinition[], logger: StoreLogger): Map<string, StoreDefinition> {
  const selected = new Map<string, StoreDefinition>();
  for (const definition of definitions) {
    if (definition.deleted) {
      continue;
    }

    const key = definition.name.toLowerCase();
    const existing = selected.get(key);
    if (existing === undefined) {
      selected.set(key, definition);
      continue;
    }

    const keepNew = existing.source === 'states' && definition.source === 'local';
    const kept = keepNew ? definition : existing;
    const dropped = keepNew ? existing : definition;
    logger.warn('Duplicate store definition ignored', {
      store: dropped.name,
      keptSource: kept.source,
      ignoredSource: dropped.source,
    });
    selected.set(key, kept);
  }
  return selected;
}

function buildEntry(definition: StoreDefinition, options: BuildOptions): StoreEntry {
  if (definition.invalidReason !== undefined) {
    return failedEntry(definition, definition.invalidReason, undefined, options.logger);
  }

  try {
    const store = options.types.create({
      name: definition.name,
      type: definition.type,
      config: definition.config,
      logger: options.logger,
      definition,
    });
    return new StoreEntry(definition, store, undefined);
  } catch (error) {
    // A custom factory may quote its config in the error: scrub the definition's secrets first.
    const secrets = new StoreConfigReader(definition.name, definition.config).secretValues();
    return failedEntry(definition, scrubSecrets(describeError(error), secrets), scrubError(error, secrets), options.logger);
  }
}

function failedEntry(definition: StoreDefinition, reason: string, error: unknown, logger: StoreLogger): StoreEntry {
  logger.warn('Store definition skipped', { store: definition.name, type: definition.type, source: definition.source, reason });
  return new StoreEntry(definition, undefined, { reason, error });
}
