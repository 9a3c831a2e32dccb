import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExample, type RunExampleResult } from '../src/run-example';
import type { AirportsExecutionOutput } from '../src/state-machine/execution-input';
import { countAirportsPerState } from './support/airport-counts';

interface CapturedRun {
  readonly result: RunExampleResult;
  readonly lines: string[];
  readonly errors: string[];
  /** The worker log entries, written apart from the progress lines. */
  readonly logs: string;
  /** The JSON printed after "Execution output:", parsed. */
  readonly printedOutput: AirportsExecutionOutput | undefined;
}

function printedOutput(lines: readonly string[]): AirportsExecutionOutput | undefined {
  const start = lines.indexOf('Execution output:');
  return start === -1 ? undefined : (JSON.parse(lines.slice(start + 1).join('\n')) as AirportsExecutionOutput);
}

function toCsv(counts: readonly { state: string; airports: number }[]): string {
  return ['state,airports', ...counts.map((row) => `${row.state},${row.airports}`)].join('\n') + '\n';
}

describe('main job', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'bvw-main-job-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CapturedRun> {
    const lines: string[] = [];
    const errors: string[] = [];
    const logStream = new PassThrough();
    const logChunks: Buffer[] = [];
    logStream.on('data', (chunk: Buffer) => logChunks.push(chunk));
    const result = await runExample({
      argv,
      cwd: directory,
      envFile: false,
      env: { EXAMPLE_DATA_DIR: join(directory, 'data'), LOG_LEVEL: 'warn', AWS_EC2_METADATA_DISABLED: 'true', ...env },
      handleSignals: false,
      writeLine: (line) => lines.push(...line.split('\n')),
      writeError: (line) => errors.push(line),
      logDestination: logStream,
    });
    return { result, lines, errors, logs: Buffer.concat(logChunks).toString(), printedOutput: printedOutput(lines) };
  }

  it('prints the counts computed independently from the CSV', async () => {
    const expected = countAirportsPerState();

    const { result, lines, printedOutput } = await run([]);

    expect(result.exitCode).toBe(0);
    expect(printedOutput).toEqual({
      rowsLoaded: expected.airports,
      states: expected.counts.slice(0, 10),
      file: 'file://exports/airports-per-state.csv',
    });
    expect(readFileSync(join(directory, 'data', 'exports', 'airports-per-state.csv'), 'utf8')).toBe(toCsv(expected.counts.slice(0, 10)));
    expect(lines).toContain('→ LoadAirports');
    expect(lines).toContain('→ CountAirportsPerState');
    expect(lines).toContain('→ ExportTopStates');
    expect(lines.some((line) => /^✓ LoadAirports \(\d+\.\d s\): 3376 rows loaded into airports$/.test(line))).toBe(true);
  });

  it('gzips the export of the requested top count', async () => {
    const expected = countAirportsPerState();

    const { result, printedOutput } = await run(['--compress', '--top', '3']);

    expect(result.exitCode).toBe(0);
    expect(printedOutput?.states).toEqual(expected.counts.slice(0, 3));
    expect(printedOutput?.file).toBe('file://exports/airports-per-state.csv.gz');
    const archive = join(directory, 'data', 'exports', 'airports-per-state.csv.gz');
    expect(gunzipSync(readFileSync(archive)).toString()).toBe(toCsv(expected.counts.slice(0, 3)));
    expect(existsSync(join(directory, 'data', 'exports', 'airports-per-state.csv'))).toBe(false);
  });

  it('runs again over the tables of an earlier run', async () => {
    await run([]);

    const second = await run([]);

    expect(second.result.exitCode).toBe(0);
    expect(second.printedOutput?.rowsLoaded).toBe(countAirportsPerState().airports);
  });

  it('exits 1 with the failing state, error and cause', async () => {
    writeFileSync(join(directory, 'config.json'), JSON.stringify([{ Name: 'warehouse', Type: 'file', Config: { BasePath: join(directory, 'not-a-db') } }]));

    const { result, lines, errors, logs, printedOutput } = await run([]);

    expect(result.exitCode).toBe(1);
    expect(printedOutput).toBeUndefined();
    expect(result.outcome).toMatchObject({ status: 'FAILED', failure: { state: 'LoadAirports', error: 'Worker.InvalidInput' } });
    expect(errors[0]).toBe('Execution failed in state LoadAirports: Worker.InvalidInput');
    expect(errors[1]).toMatch(/^Cause: /);
    expect(errors[1]).toContain('warehouse');
    expect(lines).toContain('✗ LoadAirports: Worker.InvalidInput');
    expect(lines.some((line) => line.startsWith('✓ LoadAirports'))).toBe(false);
    expect(lines.some((line) => /^ {2}LoadAirports left through its Catch \(\d+\.\d s\)$/.test(line))).toBe(true);
    expect(logs).toContain('"message":"Task finished"');
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
  });

  it('loads into the database store named by --warehouse', async () => {
    const config = [
      { Name: 'warehouse', Type: 'file', Config: { BasePath: join(directory, 'not-a-db') } },
      { Name: 'sqlite', Type: 'sqlite', Config: { Path: join(directory, 'other.sqlite') } },
    ];
    writeFileSync(join(directory, 'config.json'), JSON.stringify(config));

    const { result, printedOutput } = await run(['--warehouse', 'sqlite']);

    expect(result.exitCode).toBe(0);
    expect(printedOutput?.states).toEqual(countAirportsPerState().counts.slice(0, 10));
    expect(existsSync(join(directory, 'other.sqlite'))).toBe(true);
  });

  const postgresUrl = process.env.BVW_TEST_POSTGRES_URL;
  const requireServices = process.env.BVW_REQUIRE_SERVICES === '1';

  it.runIf(postgresUrl !== undefined || requireServices)('runs with PostgreSQL as the warehouse from config.json', async () => {
    expect(postgresUrl, 'BVW_TEST_POSTGRES_URL must be set when BVW_REQUIRE_SERVICES=1 (start it with .ci/services/postgres.sh)').toBeDefined();
    const url = new URL(postgresUrl!);
    const config = [
      {
        Name: 'warehouse',
        Type: 'postgresql',
        Config: { host: url.hostname, port: url.port, user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), dbname: url.pathname.slice(1) },
      },
    ];
    writeFileSync(join(directory, 'config.json'), JSON.stringify(config, null, 2));
    const expected = countAirportsPerState();

    const { result, printedOutput } = await run([]);

    expect(result.exitCode).toBe(0);
    expect(printedOutput).toEqual({ rowsLoaded: expected.airports, states: expected.counts.slice(0, 10), file: 'file://exports/airports-per-state.csv' });
    expect(existsSync(join(directory, 'data', 'warehouse.sqlite'))).toBe(false);
  });
});
