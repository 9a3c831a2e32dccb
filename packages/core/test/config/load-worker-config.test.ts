import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ConfigurationError, environmentVariables as names, loadWorkerConfig, type WorkerRuntimeConfig } from '../../src/index';
import { catchError } from '../helpers/catch-error';
import { useTempDirs } from '../helpers/temp-dirs';

type Env = Record<string, string | undefined>;

const positiveSeconds = 'a number of seconds from 0.001 to 2147483 (about 24.8 days, the longest timer Node.js supports), such as 5 or 0.5';
const secondsFromZero = 'a number of seconds from 0 to 2147483 (about 24.8 days, the longest timer Node.js supports), such as 30';

function configurationError(load: () => unknown): ConfigurationError {
  return catchError(load, ConfigurationError);
}

describe(loadWorkerConfig.name, () => {
  const tempDir = useTempDirs();
  const load = (env: Env, cwd = tempDir()) => loadWorkerConfig({ env, cwd });

  it('applies the defaults of the Python library and ours', () => {
    expect(load({})).toEqual({
      serviceUrl: undefined,
      region: 'us-east-1',
      credentials: undefined,
      environmentName: '',
      activityNameSeparator: '_',
      defaultHeartbeatMs: 5000,
      defaultConcurrency: 5,
      defaultMaxPollers: 4,
      shutdownGraceMs: 30_000,
      pollRequestTimeoutMs: 70_000,
      requestTimeoutMs: 10_000,
      storeSync: { enabled: false, baseUrl: undefined, pollTimeoutMs: 70_000, statusHeartbeatMs: 60_000, requestTimeoutMs: 15_000 },
      httpServer: { port: undefined, host: '0.0.0.0' },
      loggingConfigPath: undefined,
      logLevel: undefined,
      logFormat: 'auto',
      storeConfigJson: undefined,
      storeConfigPath: undefined,
    } satisfies WorkerRuntimeConfig);
  });

  it('reads every variable', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'logging.json'), '{}');
    writeFileSync(join(cwd, 'stores.json'), '[]');

    const config = load(
      {
        [names.authenticationKey]: 'AKIDEXAMPLE',
        [names.authenticationSecret]: 'wJalrXUtnFEMI',
        [names.awsRegion]: 'eu-west-1',
        [names.serviceUrl]: 'http://localhost:5500/',
        [names.environmentName]: 'dev',
        [names.activityNameSeparator]: '-',
        [names.defaultHeartbeatDelay]: '2.5',
        [names.defaultMaxConcurrency]: '8',
        [names.defaultMaxPollers]: '3',
        [names.shutdownGraceSeconds]: '0',
        [names.pollRequestTimeoutSeconds]: '65',
        [names.requestTimeoutSeconds]: '4',
        [names.enableStatesStoreSync]: 'yes',
        [names.statesStoreBaseUrl]: 'https://states.example.test/api/',
        [names.statesPollTimeoutSeconds]: '30',
        [names.statesStatusHeartbeatSeconds]: '20',
        [names.statesRequestTimeoutSeconds]: '5',
        [names.loggingConfigPath]: 'logging.json',
        [names.logLevel]: 'Debug',
        [names.logFormat]: 'JSON',
        [names.storeConfig]: '[{"Name": "w", "Type": "sqlite", "Config": {"path": ":memory:"}}]',
        [names.storeConfigPath]: 'stores.json',
        [names.httpServerPort]: '9090',
        [names.httpServerHost]: '127.0.0.1',
      },
      cwd,
    );

    expect(config).toEqual({
      serviceUrl: 'http://localhost:5500',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI' },
      environmentName: 'dev',
      activityNameSeparator: '-',
      defaultHeartbeatMs: 2500,
      defaultConcurrency: 8,
      defaultMaxPollers: 3,
      shutdownGraceMs: 0,
      pollRequestTimeoutMs: 65_000,
      requestTimeoutMs: 4000,
      storeSync: { enabled: true, baseUrl: 'https://states.example.test/api', pollTimeoutMs: 30_000, statusHeartbeatMs: 20_000, requestTimeoutMs: 5000 },
      httpServer: { port: 9090, host: '127.0.0.1' },
      loggingConfigPath: join(cwd, 'logging.json'),
      logLevel: 'debug',
      logFormat: 'json',
      storeConfigJson: '[{"Name": "w", "Type": "sqlite", "Config": {"path": ":memory:"}}]',
      storeConfigPath: join(cwd, 'stores.json'),
    } satisfies WorkerRuntimeConfig);
  });

  it('matches variable names case-insensitively, the exact name first', () => {
    expect(load({ STEPFUNCTIONS__AWSREGION: 'eu-west-3' }).region).toBe('eu-west-3');
    expect(load({ STEPFUNCTIONS__AWSREGION: 'eu-west-3', stepFunctions__awsRegion: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('treats empty values as unset, as the Python sample .env leaves them', () => {
    const config = load({ [names.authenticationKey]: '', [names.authenticationSecret]: '  ', [names.serviceUrl]: '' });
    expect(config.credentials).toBeUndefined();
    expect(config.serviceUrl).toBeUndefined();
  });

  it('defaults the store sync URL to the service URL', () => {
    expect(load({ [names.serviceUrl]: 'http://localhost:5500', [names.enableStatesStoreSync]: 'true' }).storeSync.baseUrl).toBe('http://localhost:5500');
  });

  it.each([
    ['1', true],
    ['on', true],
    ['TRUE', true],
    ['0', false],
    ['off', false],
    ['No', false],
  ])('reads %s as %s for a boolean', (text, value) => {
    expect(load({ [names.enableStatesStoreSync]: text, [names.serviceUrl]: 'http://localhost:1' }).storeSync.enabled).toBe(value);
  });

  describe('when a value is invalid', () => {
    it.each([
      [names.defaultHeartbeatDelay, 'soon', positiveSeconds],
      [names.defaultHeartbeatDelay, '0', positiveSeconds],
      [names.defaultHeartbeatDelay, '-1', positiveSeconds],
      [names.defaultMaxConcurrency, '2.5', 'a positive integer, such as 5'],
      [names.defaultMaxConcurrency, '0', 'a positive integer, such as 5'],
      [names.defaultMaxPollers, 'many', 'a positive integer, such as 5'],
      [names.shutdownGraceSeconds, '-5', secondsFromZero],
      [names.pollRequestTimeoutSeconds, '1e3', positiveSeconds],
      [names.requestTimeoutSeconds, 'ten', positiveSeconds],
      [names.statesPollTimeoutSeconds, 'x', positiveSeconds],
      [names.statesStatusHeartbeatSeconds, '0', positiveSeconds],
      [names.statesRequestTimeoutSeconds, '0.0001', positiveSeconds],
      [names.defaultHeartbeatDelay, '3000000', positiveSeconds],
      [names.shutdownGraceSeconds, '99999999', secondsFromZero],
      [names.pollRequestTimeoutSeconds, '2147484', positiveSeconds],
      [names.requestTimeoutSeconds, '3000000', positiveSeconds],
      [names.statesPollTimeoutSeconds, '3000000', positiveSeconds],
      [names.statesStatusHeartbeatSeconds, '3000000', positiveSeconds],
      [names.statesRequestTimeoutSeconds, '3000000', positiveSeconds],
      [names.serviceUrl, 'localhost:5500', 'an http or https URL, such as http://localhost:5500'],
      [names.serviceUrl, 'ftp://localhost', 'an http or https URL, such as http://localhost:5500'],
      [names.statesStoreBaseUrl, 'states', 'an http or https URL, such as http://localhost:5500'],
      [names.awsRegion, 'us east 1', 'an AWS region name of letters, digits and hyphens, such as us-east-1'],
      [names.environmentName, 'dev env', 'up to 60 letters, digits, hyphens, underscores or dots, such as dev; empty for no prefix'],
      [names.activityNameSeparator, '.', '_ (the Python library) or - (the .NET library)'],
      [names.enableStatesStoreSync, 'maybe', 'true or false (1/0, yes/no and on/off are accepted too)'],
      [names.logLevel, 'loud', 'one of error, warn, info, debug (Serilog names such as Information or Warning are accepted too)'],
      [names.logFormat, 'xml', 'one of pretty, json, auto'],
      [names.httpServerPort, '65536', 'a TCP port from 0 to 65535, such as 9090 (0 picks a free port)'],
      [names.httpServerPort, 'http', 'a TCP port from 0 to 65535, such as 9090 (0 picks a free port)'],
      [names.httpServerHost, 'any host', 'a host name or an IP address, such as 0.0.0.0, 127.0.0.1 or ::'],
    ])('rejects %s=%j naming the variable, the value and the accepted form', (variable, value, accepted) => {
      const error = configurationError(() => load({ [variable]: value }));
      expect(error.message).toBe(`Invalid ${variable}: ${JSON.stringify(value)}. Expected ${accepted}.`);
      expect(error.variable).toBe(variable);
    });

    it('hides the value of secrets', () => {
      const error = configurationError(() => load({ [names.storeConfig]: '[{"Name": "db", "Config": {"password": "hunter2"' }));
      expect(error.message).toBe(
        `Invalid ${names.storeConfig}: (value hidden). Expected JSON text holding an array of store definitions, ` +
          'such as [{"Name": "warehouse", "Type": "sqlite", "Config": {...}}].',
      );
      expect(error.message).not.toContain('hunter2');
    });

    it('requires the key and the secret together, without showing either', () => {
      const onlySecret = configurationError(() => load({ [names.authenticationSecret]: 'wJalrXUtnFEMI' }));
      expect(onlySecret.message).toBe(
        `${names.authenticationKey} is missing while ${names.authenticationSecret} is set. Set both (or both credentials options) for static credentials, ` +
          'or neither to use the AWS default credential provider chain.',
      );
      expect(onlySecret.variable).toBe(names.authenticationKey);
      expect(onlySecret.message).not.toContain('wJalrXUtnFEMI');

      const onlyKey = configurationError(() => load({ [names.authenticationKey]: 'AKIDEXAMPLE' }));
      expect(onlyKey.variable).toBe(names.authenticationSecret);
      expect(onlyKey.message).not.toContain('AKIDEXAMPLE');
    });

    it('requires a URL for store sync', () => {
      expect(configurationError(() => load({ [names.enableStatesStoreSync]: 'true' })).message).toBe(
        `Store sync is on (${names.enableStatesStoreSync}) but neither ${names.statesStoreBaseUrl} nor ${names.serviceUrl} is set. Set one of them to the URL of States.`,
      );
    });

    it('rejects a missing logging configuration or store definitions file', () => {
      const cwd = tempDir();
      const error = configurationError(() => load({ [names.loggingConfigPath]: 'missing.json' }, cwd));
      expect(error.message).toBe(
        `Invalid ${names.loggingConfigPath}: file ${join(cwd, 'missing.json')} was not found. Expected the path of an existing file, absolute or relative to ${cwd}.`,
      );

      expect(configurationError(() => load({ [names.storeConfigPath]: 'nowhere.json' }, cwd)).variable).toBe(names.storeConfigPath);
    });

    it('rejects JSON that is not an array or object in STORE_CONFIG', () => {
      expect(configurationError(() => load({ [names.storeConfig]: '42' })).variable).toBe(names.storeConfig);
    });
  });

  describe('options', () => {
    it('override the environment', () => {
      const config = loadWorkerConfig({
        env: { [names.defaultMaxConcurrency]: '8', [names.awsRegion]: 'eu-west-1', [names.authenticationKey]: 'ENVKEY', [names.authenticationSecret]: 'ENVSECRET' },
        envFile: false,
        overrides: {
          defaultConcurrency: 2,
          region: 'ap-south-1',
          credentials: { accessKeyId: 'OPTKEY', secretAccessKey: 'OPTSECRET' },
          storeSync: { enabled: true, baseUrl: 'http://localhost:9000' },
          shutdownGraceSeconds: 1.5,
          loggingConfigPath: false,
          logLevel: 'warn',
          logFormat: 'pretty',
          storeConfig: '[]',
          httpServer: { port: 0, host: '::1' },
        },
      });

      expect(config.defaultConcurrency).toBe(2);
      expect(config.region).toBe('ap-south-1');
      expect(config.credentials).toEqual({ accessKeyId: 'OPTKEY', secretAccessKey: 'OPTSECRET' });
      expect(config.storeSync.enabled).toBe(true);
      expect(config.storeSync.baseUrl).toBe('http://localhost:9000');
      expect(config.shutdownGraceMs).toBe(1500);
      expect(config.logLevel).toBe('warn');
      expect(config.logFormat).toBe('pretty');
      expect(config.storeConfigJson).toBe('[]');
      expect(config.httpServer).toEqual({ port: 0, host: '::1' });
    });

    it('are validated and named in errors', () => {
      const error = configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { defaultConcurrency: 0 } }));
      expect(error.message).toBe('Invalid option defaultConcurrency: 0. Expected a positive integer, such as 5.');
      expect(error.variable).toBe('options.defaultConcurrency');

      const nested = configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { storeSync: { pollTimeoutSeconds: -1 } } }));
      expect(nested.message).toBe(`Invalid option storeSync.pollTimeoutSeconds: -1. Expected ${positiveSeconds}.`);
    });

    it.each(['defaultHeartbeatSeconds', 'shutdownGraceSeconds', 'pollRequestTimeoutSeconds', 'requestTimeoutSeconds'] as const)(
      'reject %s above the longest timer Node.js supports',
      (option) => {
        const error = configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { [option]: 3_000_000 } }));
        expect(error.message).toMatch(new RegExp(`^Invalid option ${option}: 3000000\\. Expected a number of seconds from (0|0\\.001) to 2147483 `));
        expect(error.variable).toBe(`options.${option}`);
      },
    );

    it('accept durations up to 2147483 seconds', () => {
      const config = loadWorkerConfig({
        env: {},
        envFile: false,
        overrides: { defaultHeartbeatSeconds: 2_147_483, shutdownGraceSeconds: 2_147_483, requestTimeoutSeconds: 2_147_483 },
      });

      expect(config.defaultHeartbeatMs).toBe(2_147_483_000);
      expect(config.shutdownGraceMs).toBe(2_147_483_000);
      expect(config.requestTimeoutMs).toBe(2_147_483_000);
    });

    it('reject unknown names', () => {
      const error = configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { concurrency: 3 } as never }));
      expect(error.message).toMatch(/^Unknown option options\.concurrency\. Known options: serviceUrl, region, credentials, /);

      expect(configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { storeSync: { url: 'x' } } as never })).variable).toBe(
        'options.storeSync.url',
      );
      expect(configurationError(() => loadWorkerConfig({ env: {}, envFile: false, overrides: { httpServer: { address: 'x' } } as never })).variable).toBe(
        'options.httpServer.address',
      );
    });
  });

  describe('.env file', () => {
    const savedEnv = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env)) {
        if (!(key in savedEnv)) {
          delete process.env[key];
        }
      }
    });

    it('fills what the environment leaves unset and names itself in errors', () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, '.env'), `${names.awsRegion}=eu-north-1\n${names.defaultMaxConcurrency}=7\n${names.defaultMaxPollers}=lots\n`);

      const error = configurationError(() => load({ [names.defaultMaxConcurrency]: '3' }, cwd));
      expect(error.message).toBe(`Invalid ${names.defaultMaxPollers} in ${join(cwd, '.env')}: "lots". Expected a positive integer, such as 5.`);

      writeFileSync(join(cwd, '.env'), `${names.awsRegion}=eu-north-1\n${names.defaultMaxConcurrency}=7\n`);
      const config = load({ [names.defaultMaxConcurrency]: '3' }, cwd);
      expect(config.region).toBe('eu-north-1');
      expect(config.defaultConcurrency).toBe(3);
    });

    it('reads a named file and rejects a missing one', () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, 'worker.env'), `${names.environmentName}=staging\n`);

      expect(loadWorkerConfig({ env: {}, cwd, envFile: 'worker.env' }).environmentName).toBe('staging');
      expect(configurationError(() => loadWorkerConfig({ env: {}, cwd, envFile: 'absent.env' })).message).toBe(
        `Reading the .env file ${join(cwd, 'absent.env')} failed. Pass an existing file as envFile, or false to read none.`,
      );
    });

    it('copies its variables into process.env when reading process.env', () => {
      const cwd = tempDir();
      const variable = 'BEVAULT_CORE_TEST_ONLY_VARIABLE';
      writeFileSync(join(cwd, '.env'), `${variable}=from-file\n${names.environmentName}=fromfile\n`);
      process.env[names.environmentName] = 'fromprocess';

      try {
        const config = loadWorkerConfig({ cwd });
        expect(config.environmentName).toBe('fromprocess');
        expect(process.env[variable]).toBe('from-file');
      } finally {
        delete process.env[names.environmentName];
      }
    });

    it('is ignored when envFile is false', () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, '.env'), `${names.awsRegion}=eu-north-1\n`);
      expect(loadWorkerConfig({ env: {}, cwd, envFile: false }).region).toBe('us-east-1');
    });
  });

  it('finds logging_config.json in the working directory', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'logging_config.json'), '{}');

    expect(load({}, cwd).loggingConfigPath).toBe(join(cwd, 'logging_config.json'));
    expect(loadWorkerConfig({ env: {}, cwd, overrides: { loggingConfigPath: false } }).loggingConfigPath).toBeUndefined();
  });
});
