import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { InvalidFileTokenError } from '@bevault-workers/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileWorker, LedgerWorker } from '../src/app/workers';
import { waitFor } from '../src/child/wait-for';
import { Harness } from '../src/harness/harness';
import type { InProcessApp } from '../src/harness/in-process-app';
import { OutputRecorder } from '../src/output/output-recorder';
import { suiteAccessKeyId, suiteSecrets } from '../src/secrets/suite-secrets';

/** Tokens that try to leave the `files` store, or name a store they may not use. */
const rejectedTokens: ReadonlyArray<readonly [string, string, string]> = [
  ['a .. segment', 'file://files/../archive/secret.txt', "contains a '..' segment"],
  ['a .. segment deeper down', 'file://files/incoming/../../archive/secret.txt', "contains a '..' segment"],
  ['a percent-encoded ..', 'file://files/%2E%2E/archive/secret.txt', "contains a '..' segment"],
  ['a percent-encoded separator', 'file://files/..%2Farchive%2Fsecret.txt', 'encoded separator'],
  ['a double-encoded ..', 'file://files/%252E%252E/archive/secret.txt', 'percent-encoded dot'],
  ['an absolute path', 'file://files//etc/passwd', 'the path is absolute'],
  ['no store name', 'file:///etc/passwd', 'must be a file token'],
  ['a backslash', 'file://files/..\\archive\\secret.txt', 'backslash'],
  ['a drive letter', 'file://files/C:/Windows/win.ini', 'drive letter'],
  ['a NUL byte', 'file://files/incoming/ok.txt%00.csv', 'NUL'],
  ['a database store', 'file://ledger/ledger.db', "store 'ledger' is a database store"],
  ['an unknown store', 'file://nowhere/secret.txt', "Store 'nowhere' not found"],
  ['the scheme of another store type', 'sftp://files/incoming/ok.txt', "the scheme 'sftp' does not match"],
];

const injectionValues = [
  "'); DROP TABLE ledger; --",
  "x' OR '1'='1",
  'Robert"); DELETE FROM ledger WHERE ("1"="1',
  '? :value ?? $1 @p0',
  "\\'; SELECT sqlite_version(); --",
];

describe('Security', () => {
  let harness: Harness;
  let running: InProcessApp;

  beforeAll(async () => {
    harness = await Harness.create();
    await mkdir(join(harness.dataDirectory, 'files', 'incoming'), { recursive: true });
    await mkdir(join(harness.dataDirectory, 'archive'), { recursive: true });
    await writeFile(join(harness.dataDirectory, 'files', 'incoming', 'ok.txt'), 'twelve bytes');
    await writeFile(join(harness.dataDirectory, 'archive', 'secret.txt'), 'not for the files store');
    running = await harness.createApp([FileWorker, LedgerWorker]);
    await running.app.listen();
  });

  afterAll(async () => {
    await running.app.close();
    await harness.close();
  });

  describe('file tokens', () => {
    it('reads a file of the store the token names', async () => {
      const outcome = await harness.states.enqueueTask('rel_files', { source: 'file://files/incoming/ok.txt' }).outcome;

      expect(outcome).toEqual({ status: 'succeeded', output: '{"store":"files","path":"incoming/ok.txt","bytes":12}' });
    });

    it.each(rejectedTokens)('rejects %s', async (_case, token, reason) => {
      const outcome = await harness.states.enqueueTask('rel_files', { source: token }).outcome;

      expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput', cause: expect.stringContaining(reason) as unknown });
    });

    it("rejects another store's token in a store's own operations", async () => {
      const files = running.app.stores.getFileStore('files');

      await expect(files.stat('file://archive/secret.txt')).rejects.toThrow(InvalidFileTokenError);
      await expect(files.openRead('file://archive/secret.txt')).rejects.toThrow("it names store 'archive', not 'files'");
      await expect(files.write('file://archive/planted.txt', 'x')).rejects.toThrow(InvalidFileTokenError);
    });
  });

  describe('SQL values', () => {
    it.each(injectionValues)('stores %j verbatim, sent as a binding', async (value) => {
      const ledger = running.app.stores.getDatabase('ledger');
      const statements: Array<{ sql: string; bindings: unknown }> = [];
      const listener = (query: { sql: string; bindings?: unknown }): void => {
        statements.push({ sql: query.sql, bindings: query.bindings });
      };
      ledger.knex.on('query', listener);

      try {
        const outcome = await harness.states.enqueueTask('rel_ledger', { ledger: 'ledger', value }).outcome;

        expect(outcome).toMatchObject({ status: 'succeeded' });
        const row = JSON.parse(outcome.status === 'succeeded' ? outcome.output : '{}') as { id: number; value: string };
        expect(row.value).toBe(value);
        expect(await ledger.query('select value from ledger where id = ?', [row.id])).toEqual([{ value }]);
        expect(statements.some((statement) => JSON.stringify(statement.bindings) === JSON.stringify([value]))).toBe(true);
        expect(statements.filter((statement) => statement.sql.includes(value))).toEqual([]);
      } finally {
        ledger.knex.removeListener('query', listener);
      }
    });

    it('bulk-inserts injection strings as bindings too', async () => {
      const ledger = running.app.stores.getDatabase('ledger');
      const sql: string[] = [];
      const listener = (query: { sql: string }): void => {
        sql.push(query.sql);
      };
      ledger.knex.on('query', listener);

      try {
        await ledger.bulkInsert('ledger', injectionValues.map((value) => ({ value })));
      } finally {
        ledger.knex.removeListener('query', listener);
      }

      expect(sql.filter((text) => injectionValues.some((value) => text.includes(value)))).toEqual([]);
      const stored = await ledger.query<{ value: string }>(`select value from ledger where value in (${injectionValues.map(() => '?').join(', ')})`, injectionValues);
      expect(stored.map((row) => row.value).sort()).toEqual([...injectionValues, ...injectionValues].sort());
    });
  });

  describe('credentials', () => {
    it.each([
      ['secret', { accessKeyId: suiteAccessKeyId, secretAccessKey: suiteSecrets.wrongSecretKey }, 'InvalidSignatureException'],
      ['key', { accessKeyId: 'AKIDUNKNOWNKEY', secretAccessKey: suiteSecrets.statesSecretKey }, 'UnrecognizedClientException'],
    ])('stops the start with a clear error on a wrong %s', async (_case, credentials, code) => {
      const child = harness.startApp({ label: `wrong-${_case}`, credentials });

      const exit = await child.exited;

      expect(exit).toEqual({ code: 1, signal: null });
      const stopped = child.stderrLines.filter((line) => line.startsWith('Worker application stopped:'));
      expect(stopped).toHaveLength(1);
      // Activities register concurrently, so the rejection may name any of them.
      expect(stopped[0]).toMatch(
        new RegExp(
          `^Worker application stopped: CredentialsRejectedError: Credentials rejected by ${harness.states.url} \\(${code}\\) while creating activity "rel_[a-z]+"\\. ` +
            'Check the key and secret from stepFunctions__authenticationKey and stepFunctions__authenticationSecret: ' +
            'the key must exist on the endpoint and the secret must be its own\\.$',
        ),
      );
      expect(child.lines.filter((line) => line.message === 'Application state changed').map((line) => line.to)).toEqual(['starting', 'failed']);
    });
  });

  describe('secrets in output', () => {
    it('finds a secret the moment one is written', () => {
      const recorder = new OutputRecorder(suiteSecrets);

      recorder.write('control', `first line\nsecond ${suiteSecrets.sqlServerPassword} line\nthird`);
      recorder.flush();

      expect(recorder.findings).toEqual([{ secret: 'sqlServerPassword', source: 'control', line: 2 }]);
    });

    it('keeps every configured secret out of a debug-level run with failing stores', async () => {
      const child = harness.startApp({ label: 'debug-secrets', logLevel: 'debug' });
      await child.waitUntilRunning();
      await harness.states.enqueueTask('rel_ledger', { ledger: 'warehouse', value: 'x' }).outcome;
      await harness.states.enqueueTask('rel_ledger', { ledger: 'reporting', value: 'x' }).outcome;
      await waitFor(() => ['warehouse', 'reporting', 'mssql', 'dropbox'].every((store) => failedHealthCheck(child.lines, store)), 'every remote store failed a health check');

      child.signal('SIGTERM');
      await child.exited;

      expect(child.lines.filter((line) => line.level === 'debug').length).toBeGreaterThan(10);
      expect(harness.recorder.findings).toEqual([]);
    });

    it('writes no secret to any output of this file', () => {
      expect(harness.recorder.lineCounts()).toMatchObject({ 'wrong-secret stderr': expect.any(Number) as unknown });
      expect(harness.recorder.findings).toEqual([]);
    });
  });
});

function failedHealthCheck(lines: ReadonlyArray<Record<string, unknown>>, store: string): boolean {
  return lines.some((line) => line.message === 'Store health check failed' && line.store === store);
}
