import { join } from 'node:path';
import { loadStoreDefinitions, parseStoreDefinitions, type LoadStoreDefinitionsOptions, type StoreDefinition } from '@bevault-workers/stores';

/** Store names the example workflow uses. */
export const EXAMPLE_STORE_NAMES = {
  /** Database store that receives the airports table. */
  warehouse: 'warehouse',
  /** File store the airports CSV is copied into at start. */
  landing: 'landing',
  /** File store that receives the CSV export. */
  exports: 'exports',
} as const;

/**
 * Definitions used for the example's stores that neither `STORE_CONFIG` nor
 * `config.json` define: a SQLite file as the warehouse and two local folders,
 * all under `dataDirectory`.
 */
export function embeddedStoreDefinitions(dataDirectory: string): StoreDefinition[] {
  const document = [
    { Name: EXAMPLE_STORE_NAMES.warehouse, Type: 'sqlite', Config: { Path: join(dataDirectory, 'warehouse.sqlite') } },
    { Name: EXAMPLE_STORE_NAMES.landing, Type: 'file', Config: { BasePath: join(dataDirectory, 'landing') } },
    { Name: EXAMPLE_STORE_NAMES.exports, Type: 'file', Config: { BasePath: join(dataDirectory, 'exports') } },
  ];
  return parseStoreDefinitions(document, { origin: 'the example app defaults' });
}

/** Store definitions of the example app, and which of them came from the embedded defaults. */
export interface ExampleStoreDefinitions {
  readonly definitions: StoreDefinition[];
  /** Names of the stores defined by {@link embeddedStoreDefinitions}. */
  readonly embedded: string[];
}

/**
 * Loads the store definitions as the framework does (`STORE_CONFIG`, else the
 * definitions file, else `config.json` in the working directory) and adds the
 * embedded default of each example store that they leave undefined. A
 * `config.json` defining only `warehouse` as PostgreSQL thus keeps the local
 * folders for `landing` and `exports`.
 */
export function loadExampleStoreDefinitions(dataDirectory: string, options: LoadStoreDefinitionsOptions = {}): ExampleStoreDefinitions {
  const configured = loadStoreDefinitions(options);
  const configuredNames = new Set(configured.map((definition) => definition.name.toLowerCase()));
  const defaults = embeddedStoreDefinitions(dataDirectory).filter((definition) => !configuredNames.has(definition.name.toLowerCase()));

  return { definitions: [...configured, ...defaults], embedded: defaults.map((definition) => definition.name) };
}
