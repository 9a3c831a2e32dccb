import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadStoreDefinitions, normalizeStoreDefinition, parseStoreDefinitions, StoreConfigurationError } from '@bevault-workers/stores';

import { useTempDirs } from '../support/temp-dir';

const pythonForm = [{ Name: 'warehouse', Type: 'postgresql', Config: { host: '127.0.0.1', dbname: 'dv' } }];

describe('loadStoreDefinitions', () => {
  const tempDir = useTempDirs();

  it('reads STORE_CONFIG before any file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify([{ Name: 'fromFile', Type: 'file', Config: {} }]));
    const definitions = loadStoreDefinitions({ cwd, env: { STORE_CONFIG: JSON.stringify(pythonForm) } });
    expect(definitions.map((definition) => definition.name)).toEqual(['warehouse']);
  });

  it('ignores a blank STORE_CONFIG and reads config.json from the working directory', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify(pythonForm));
    const [definition] = loadStoreDefinitions({ cwd, env: { STORE_CONFIG: '  ' } });
    expect(definition).toMatchObject({
      name: 'warehouse',
      type: 'postgresql',
      config: { host: '127.0.0.1', dbname: 'dv' },
      healthCheck: false,
      healthCheckDelaySeconds: 60,
      deleted: false,
      source: 'local',
    });
  });

  it('returns no definitions when config.json is missing', () => {
    expect(loadStoreDefinitions({ cwd: tempDir(), env: {} })).toEqual([]);
  });

  it('reads the file at configPath, relative to cwd', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'stores.json'), JSON.stringify({ Stores: { Stores: pythonForm } }));
    expect(loadStoreDefinitions({ cwd, env: {}, configPath: 'stores.json' })).toHaveLength(1);
  });

  it('rejects a configPath that does not exist', () => {
    const cwd = tempDir();
    expect(() => loadStoreDefinitions({ cwd, env: {}, configPath: 'nope.json' })).toThrow(
      new StoreConfigurationError(`Store configuration file '${join(cwd, 'nope.json')}' does not exist. Fix the path or remove the option.`),
    );
  });

  it('rejects invalid JSON without quoting its text', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), '[{"Name": "x", "Config": {"password": "hunter22"}');
    const error = (() => {
      try {
        loadStoreDefinitions({ cwd, env: {} });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(StoreConfigurationError);
    expect(error?.message).toBe(`Invalid JSON in store configuration file '${join(cwd, 'config.json')}'. Check it with a JSON validator.`);
    expect(error?.message).not.toContain('hunter22');
  });

  it('accepts a UTF-8 byte order mark, as written by Windows editors', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'config.json'), `\uFEFF${JSON.stringify(pythonForm)}`);
    expect(loadStoreDefinitions({ cwd, env: {} })).toHaveLength(1);
  });
});

describe('parseStoreDefinitions', () => {
  it.each([
    ['the Python array', pythonForm],
    ['the .NET Stores.Stores object', { Stores: { Stores: pythonForm } }],
    ['a lower-case stores object', { stores: { stores: pythonForm } }],
    ['a Stores array', { Stores: pythonForm }],
    ['the .NET fileStores section', { fileStores: { Stores: pythonForm } }],
  ])('accepts %s', (_form, document) => {
    expect(parseStoreDefinitions(document).map((definition) => definition.name)).toEqual(['warehouse']);
  });

  it('rejects a document of neither form', () => {
    expect(() => parseStoreDefinitions({ Databases: [] }, { origin: 'config.json' })).toThrow(
      new StoreConfigurationError(
        'Invalid store definitions in config.json: expected an array of {Name, Type, Config} or an object {"Stores": {"Stores": [...]}}.',
      ),
    );
  });

  it('records the source given', () => {
    expect(parseStoreDefinitions(pythonForm, { source: 'states' })[0]?.source).toBe('states');
  });
});

describe('normalizeStoreDefinition', () => {
  it('reads keys in any casing', () => {
    expect(normalizeStoreDefinition({ name: 'a', TYPE: 'file', config: { BasePath: '/x' } })).toMatchObject({ name: 'a', type: 'file' });
  });

  it('parses a Config given as a JSON string', () => {
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', Config: '{"BasePath": "/data"}' }).config).toEqual({ BasePath: '/data' });
  });

  it.each([
    [{ HealthCheck: true }, true],
    [{ EnableHealthCheck: 'true' }, true],
    [{ enableHealthCheck: 'yes' }, true],
    [{ HealthCheck: false }, false],
    [{}, false],
  ])('reads the health check flag from %j', (fields, expected) => {
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', ...fields }).healthCheck).toBe(expected);
  });

  it('reads HealthCheckDelaySeconds as a number or a numeric string', () => {
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', HealthCheckDelaySeconds: '15' }).healthCheckDelaySeconds).toBe(15);
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', healthCheckDelaySeconds: 2.5 }).healthCheckDelaySeconds).toBe(2.5);
  });

  it('marks Status "deleted" in any casing as deleted', () => {
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', Status: 'Deleted' }).deleted).toBe(true);
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', Status: 'active' }).deleted).toBe(false);
  });

  it('keeps an entry with an invalid Config string, with the reason and no secret', () => {
    const definition = normalizeStoreDefinition({ Name: 'broken', Type: 'sftp', Config: '{"password": "hunter22",' });
    expect(definition.invalidReason).toBe(`invalid definition: 'Config' is a string that is not valid JSON`);
    expect(definition.config).toEqual({});
  });

  it('rejects a HealthCheckDelaySeconds longer than a Node.js timer', () => {
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', HealthCheckDelaySeconds: 3_000_000 }).invalidReason).toBe(
      "invalid definition: 'HealthCheckDelaySeconds' is 3000000; use at most 2147483 (about 24.8 days, the longest timer Node.js supports)",
    );
    expect(normalizeStoreDefinition({ Name: 'a', Type: 'file', HealthCheckDelaySeconds: 2_147_483 }).invalidReason).toBeUndefined();
  });

  it('lists every problem of an entry', () => {
    expect(normalizeStoreDefinition({ Name: 'broken', Config: [], HealthCheck: 'maybe', HealthCheckDelaySeconds: -1 }).invalidReason).toBe(
      "invalid definition: 'Type' is missing or not a non-empty string; 'Config' must be an object or a JSON string of an object; " +
        "'HealthCheck' must be true or false; 'HealthCheckDelaySeconds' must be a positive number of seconds",
    );
  });

  it('rejects an entry without a name', () => {
    expect(() => normalizeStoreDefinition({ Type: 'file' }, { origin: 'config.json (entry 2)' })).toThrow(
      new StoreConfigurationError(`Invalid store definition in config.json (entry 2): 'Name' is missing or not a non-empty string.`),
    );
  });
});
