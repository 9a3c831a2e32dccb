import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { repositoryRoot } from '../../process/node-script';

const run = promisify(execFile);

/** Variable that the CI service script exports and the tests read. */
export const POSTGRES_URL_VARIABLE = 'BVW_TEST_POSTGRES_URL';

/** The PostgreSQL server found and its source, or the reason there is none. */
export type PostgresAvailability = { readonly url: string; readonly source: string } | { readonly unavailable: string };

/**
 * Finds the PostgreSQL server of the benchmark: `BVW_TEST_POSTGRES_URL`
 * when set, else, when `startServices` allows it, the server that
 * `.ci/services/postgres.sh start` starts on 127.0.0.1 (left running
 * afterwards, as the script does for the tests).
 */
export async function findPostgres(startServices: boolean): Promise<PostgresAvailability> {
  const fromEnvironment = process.env[POSTGRES_URL_VARIABLE];

  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    return { url: fromEnvironment, source: POSTGRES_URL_VARIABLE };
  }

  if (!startServices) {
    return { unavailable: `${POSTGRES_URL_VARIABLE} is not set (eval "$(bash .ci/services/postgres.sh start)")` };
  }

  try {
    const { stdout } = await run('bash', [join(repositoryRoot(), '.ci', 'services', 'postgres.sh'), 'start'], { timeout: 300_000 });
    const url = /export BVW_TEST_POSTGRES_URL=(\S+)/.exec(stdout)?.[1];

    return url === undefined ? { unavailable: `.ci/services/postgres.sh printed no ${POSTGRES_URL_VARIABLE}` } : { url, source: '.ci/services/postgres.sh start' };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);

    return { unavailable: `.ci/services/postgres.sh start failed: ${reason}` };
  }
}

/** Runs SQL or a psql meta-command such as `\copy` with psql; resolves with its output. */
export async function psql(url: string, command: string): Promise<string> {
  const { stdout } = await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', command], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });

  return stdout.trim();
}

/** Tells whether the psql client is installed. */
export async function hasPsql(): Promise<boolean> {
  try {
    await run('psql', ['--version']);

    return true;
  } catch {
    return false;
  }
}
