import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ConfigurationError, environmentVariables as names, loadWorkerConfig } from '../../src/index';
import { catchError } from '../helpers/catch-error';
import { useTempDirs } from '../helpers/temp-dirs';

describe(`${loadWorkerConfig.name} reading process.env and .env`, () => {
  const tempDir = useTempDirs();
  const savedEnv = { ...process.env };

  afterEach(() => {
    for (const key of Object.keys(process.env)) {
      if (!(key in savedEnv)) {
        delete process.env[key];
      }
    }
  });

  it('names the .env file in an error about its value', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), `${names.defaultMaxConcurrency}=lots\n`);

    const error = catchError(() => loadWorkerConfig({ cwd }), ConfigurationError);

    expect(error.message).toBe(
      `Invalid ${names.defaultMaxConcurrency} in ${join(cwd, '.env')}: "lots". Expected a positive integer, such as 5.`,
    );
  });

  it('names only the variable when process.env sets the value', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), `${names.defaultMaxConcurrency}=7\n`);
    process.env[names.defaultMaxConcurrency] = 'lots';

    const error = catchError(() => loadWorkerConfig({ cwd }), ConfigurationError);

    expect(error.message).toBe(`Invalid ${names.defaultMaxConcurrency}: "lots". Expected a positive integer, such as 5.`);
  });
});
