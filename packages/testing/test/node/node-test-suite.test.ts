import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = resolve(__dirname, '..', '..', '..', '..');
const suiteConfig = join(__dirname, 'tsconfig.json');
const builtSuite = join(__dirname, 'dist');

/** Environment of the child processes: no loader or flag inherited from vitest, no instance metadata lookups. */
const childEnv = { ...process.env, NODE_OPTIONS: '', AWS_EC2_METADATA_DISABLED: 'true' };

describe('node:test suite', () => {
  it('passes under node --test on the built packages', { timeout: 180_000 }, async () => {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [repositoryRoot] });
    await run(process.execPath, [tsc, '-b', suiteConfig], { cwd: repositoryRoot, env: childEnv }).catch((error: { stdout?: string }) => {
      throw new Error(`Building the node:test suite and the packages it imports failed:\n${error.stdout ?? String(error)}`);
    });

    const files = readdirSync(builtSuite)
      .filter((name) => name.endsWith('.node-test.js'))
      .map((name) => join(builtSuite, name));
    const result = await run(process.execPath, ['--test', '--test-reporter=tap', ...files], { cwd: repositoryRoot, env: childEnv }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? String(error), failed: true }),
    );

    expect('failed' in result, result.stdout).toBe(false);
    expect(result.stdout).toMatch(/^# pass [1-9]\d*$/m);
    expect(result.stdout).toMatch(/^# fail 0$/m);
  });
});
