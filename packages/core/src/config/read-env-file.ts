import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'dotenv';

import { ConfigurationError } from '../errors/configuration-error';
import { configDefaults } from './environment-variables';

/** Variables of a `.env` file and the file they came from. @internal */
export interface EnvFileValues {
  readonly path: string | undefined;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Reads a `.env` file with dotenv's parser. With `envFile` undefined, reads
 * `.env` in `cwd` when it exists; `false` reads nothing.
 *
 * @throws {@link ConfigurationError} when an explicitly named file is missing
 *   or unreadable.
 * @internal
 */
export function readEnvFile(envFile: string | false | undefined, cwd: string): EnvFileValues {
  if (envFile === false) {
    return { path: undefined, values: {} };
  }

  const path = resolve(cwd, envFile ?? configDefaults.envFile);
  if (envFile === undefined && !existsSync(path)) {
    return { path: undefined, values: {} };
  }

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError('envFile', `Reading the .env file ${path} failed. Pass an existing file as envFile, or false to read none.`, {
      cause: error,
    });
  }

  return { path, values: parse(text) };
}
