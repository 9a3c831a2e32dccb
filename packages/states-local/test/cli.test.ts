import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ListActivitiesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';

import type { StatesLocal } from '../src';
import { CliArgumentError, parseCliArguments } from '../src/cli/arguments';
import { runCli } from '../src/cli/run-cli';
import { rejectionOf } from './support/clients';

/** Captures what the CLI prints. */
function captureOutput() {
  const lines: string[] = [];

  return { lines, output: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) } };
}

/** Runs the CLI until it listens; returns its instance, exit promise and output. */
async function startCli(argv: string[]) {
  const signals = new EventEmitter();
  const { lines, output } = captureOutput();
  let started!: (states: StatesLocal) => void;
  const listening = new Promise<StatesLocal>((resolve) => {
    started = resolve;
  });

  const exit = runCli(argv, { output, signals, onStarted: started });
  const states = await listening;

  return { states, exit, lines, signals };
}

describe('states-local CLI', () => {
  it('prints the URL for stepFunctions__serviceUrl and stops on SIGTERM', async () => {
    const { states, exit, lines, signals } = await startCli(['--port', '0', '--activity', 'ready']);

    expect(lines).toContain(`Point workers at it with stepFunctions__serviceUrl=${states.url}`);
    expect(states.counters('ready').pollsReceived).toBe(0);

    signals.emit('SIGTERM', 'SIGTERM');

    await expect(exit).resolves.toBe(0);
    await expect(fetch(states.url, { method: 'POST' })).rejects.toThrow();
  });

  it('stops on SIGINT', async () => {
    const { exit, signals } = await startCli(['--port', '0']);

    signals.emit('SIGINT', 'SIGINT');

    await expect(exit).resolves.toBe(0);
  });

  it('logs each call at debug level', async () => {
    const { states, exit, lines, signals } = await startCli(['--port', '0', '--log-level', 'debug']);
    const client = new SFNClient({ endpoint: states.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });

    await client.send(new ListActivitiesCommand({}));
    client.destroy();
    signals.emit('SIGTERM', 'SIGTERM');
    await exit;

    expect(lines.some((line) => / debug Request served \{"operation":"ListActivities"/.test(line))).toBe(true);
  });

  it('does not log calls at info level', async () => {
    const { states, exit, lines, signals } = await startCli(['--port', '0']);

    await fetch(states.url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.ListActivities' }, body: '{}' });
    signals.emit('SIGTERM', 'SIGTERM');
    await exit;

    expect(lines.some((line) => line.includes('Request served'))).toBe(false);
    expect(lines.some((line) => line.includes(' info  Local States started'))).toBe(true);
  });

  it('verifies signatures with --access-key and --secret-key', async () => {
    const { states, exit, signals } = await startCli(['--port', '0', '--access-key', 'AKIDCLI', '--secret-key', 'cli-secret']);
    const stranger = new SFNClient({ endpoint: states.url, region: 'us-east-1', credentials: { accessKeyId: 'other', secretAccessKey: 's' }, maxAttempts: 1 });

    const error = await rejectionOf(stranger.send(new ListActivitiesCommand({})));
    stranger.destroy();
    signals.emit('SIGTERM', 'SIGTERM');
    await exit;

    expect(error.name).toBe('UnrecognizedClientException');
  });

  it('creates a state machine from each --state-machine file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'states-local-cli-'));
    const file = join(folder, 'nightly-load.json');
    await writeFile(file, JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }));

    const { states, exit, lines, signals } = await startCli(['--port', '0', '--state-machine', file]);
    const executionArn = states.startExecution('nightly-load', { day: 1 });
    const ended = await states.awaitExecution(executionArn, 5_000);
    signals.emit('SIGTERM', 'SIGTERM');
    await exit;
    await rm(folder, { recursive: true });

    expect(lines).toContain('State machine nightly-load: arn:aws:states:us-east-1:123456789012:stateMachine:nightly-load');
    expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"day":1}' });
  });

  it('fails to start on an invalid state machine file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'states-local-cli-'));
    const file = join(folder, 'broken.json');
    await writeFile(file, '{"StartAt": "Nowhere", "States": {}}');
    const { output } = captureOutput();

    const error = await rejectionOf(runCli(['--port', '0', '--state-machine', file], { output, signals: new EventEmitter() }));
    await rm(folder, { recursive: true });

    expect(error.name).toBe('ServiceError');
    expect(error.message).toContain('Invalid State Machine Definition');
  });

  it('exits with code 2 and the usage on a bad option', async () => {
    const { lines, output } = captureOutput();

    const exitCode = await runCli(['--log-level', 'loud'], { output, signals: new EventEmitter() });

    expect(exitCode).toBe(2);
    expect(lines[0]).toContain("Option --log-level must be one of error, warn, info, debug, got 'loud'.");
    expect(lines[0]).toContain('Usage: states-local');
  });

  it('exits with code 2 on a port above 65535', async () => {
    const { lines, output } = captureOutput();

    const exitCode = await runCli(['--port', '99999'], { output, signals: new EventEmitter() });

    expect(exitCode).toBe(2);
    expect(lines[0]).toContain("Option --port must be a port number from 0 to 65535, got '99999'.");
  });

  it('prints the usage with --help', async () => {
    const { lines, output } = captureOutput();

    await expect(runCli(['--help'], { output, signals: new EventEmitter() })).resolves.toBe(0);
    expect(lines[0]).toContain('--state-machine <file>');
  });
});

describe(parseCliArguments.name, () => {
  it('defaults to port 4583 on 127.0.0.1', () => {
    expect(parseCliArguments([])).toMatchObject({ port: 4583, host: '127.0.0.1', region: 'us-east-1', logLevel: 'info', credentials: undefined });
  });

  it('collects repeated --state-machine and --activity options', () => {
    const args = parseCliArguments(['--state-machine', 'a.json', '--state-machine', 'b.json', '--activity', 'x']);

    expect(args.stateMachineFiles).toEqual(['a.json', 'b.json']);
    expect(args.activities).toEqual(['x']);
  });

  it('rejects --access-key without --secret-key', () => {
    expect(() => parseCliArguments(['--access-key', 'AKID'])).toThrow('Options --access-key and --secret-key must be given together.');
  });

  it('rejects a port that is not a number', () => {
    expect(() => parseCliArguments(['--port', 'http'])).toThrow("Option --port must be a whole number, got 'http'.");
  });

  it('rejects a port above 65535', () => {
    expect(() => parseCliArguments(['--port', '99999'])).toThrow(new CliArgumentError("Option --port must be a port number from 0 to 65535, got '99999'."));
  });

  it('accepts port 65535', () => {
    expect(parseCliArguments(['--port', '65535']).port).toBe(65_535);
  });
});
