import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigurationError } from '@bevault-workers/core';
import { StatesLocal } from '@bevault-workers/states-local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runExample } from '../src/run-example';

const credentials = { accessKeyId: 'AKIDEXAMPLEROLE', secretAccessKey: 'example-role-secret' };

describe('example app role ARN', () => {
  let directory: string;
  let states: StatesLocal | undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'bvw-example-role-'));
  });

  afterEach(async () => {
    await states?.stop();
    states = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  function environment(serviceUrl: string): NodeJS.ProcessEnv {
    return {
      AWS_EC2_METADATA_DISABLED: 'true',
      EXAMPLE_DATA_DIR: join(directory, 'data'),
      LOG_LEVEL: 'warn',
      stepFunctions__serviceUrl: serviceUrl,
      stepFunctions__authenticationKey: credentials.accessKeyId,
      stepFunctions__authenticationSecret: credentials.secretAccessKey,
    };
  }

  it('runs against a Local States URL without stepFunctions__roleArn', async () => {
    states = await StatesLocal.start({ pollHoldMs: 1_000, credentials });
    const lines: string[] = [];

    const result = await runExample({
      argv: ['--run'],
      cwd: directory,
      envFile: false,
      env: environment(states.url),
      handleSignals: false,
      writeLine: (line) => lines.push(line),
      writeError: (line) => lines.push(line),
    });

    expect(result.exitCode).toBe(0);
    expect(result.outcome?.status).toBe('SUCCEEDED');
  });

  it('reports a missing role for AWS before the workers start', async () => {
    const lines: string[] = [];

    // The error comes before any request, so nothing is sent to this address.
    const running = runExample({
      argv: ['--run'],
      cwd: directory,
      envFile: false,
      env: environment('https://states.us-east-1.amazonaws.com'),
      handleSignals: false,
      writeLine: (line) => lines.push(line),
    });

    await expect(running).rejects.toThrow(ConfigurationError);
    await expect(running).rejects.toThrow(
      'Missing stepFunctions__roleArn: set it to the IAM role the state machine runs as, to create it in AWS Step Functions (https://states.us-east-1.amazonaws.com).',
    );
    expect(lines).toEqual([]);
  });
});
