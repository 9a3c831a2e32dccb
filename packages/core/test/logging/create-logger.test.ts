import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ConfigurationError, createLogger, createTaskLogger, shortTaskId } from '../../src/index';
import { catchError } from '../helpers/catch-error';
import { captureLogs, flushLogs } from '../helpers/log-capture';
import { testConfig } from '../helpers/runtime-config';
import { useTempDirs } from '../helpers/temp-dirs';

describe(createLogger.name, () => {
  const tempDir = useTempDirs();

  describe('redaction', () => {
    it('replaces fields named like secrets at any depth', async () => {
      const { logger, entries } = captureLogs();
      const meta = {
        store: 'warehouse',
        password: 'hunter2',
        config: { host: 'db', connectionString: 'Server=db;Password=hunter2', apiKey: 'k-123', keyPath: '/etc/key.pem' },
        taskToken: 'AAAA-whole-token',
        users: [{ name: 'a', secret: 's' }],
      };
      logger.info('Store opened', meta);
      await flushLogs();

      expect(entries()[0]).toMatchObject({
        message: 'Store opened',
        store: 'warehouse',
        password: '[REDACTED]',
        config: { host: 'db', connectionString: '[REDACTED]', apiKey: '[REDACTED]', keyPath: '/etc/key.pem' },
        taskToken: '[REDACTED]',
        users: [{ name: 'a', secret: '[REDACTED]' }],
      });
      expect(meta.config.apiKey).toBe('k-123');
    });

    it('keeps file tokens readable', async () => {
      const { logger, entries } = captureLogs();
      logger.info('CSV file written', { fileToken: 'file://exports/a.csv', sourceToken: 's3://landing/b.csv', taskToken: 'AAAA' });
      await flushLogs();

      expect(entries()[0]).toMatchObject({
        fileToken: 'file://exports/a.csv',
        sourceToken: 's3://landing/b.csv',
        taskToken: '[REDACTED]',
      });
    });

    it('removes configured secret values from messages, fields and stacks', async () => {
      const config = testConfig({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' } });
      const { logger, text } = captureLogs({ config, secrets: ['extra-secret-value'] });

      logger.warn('Signing with wJalrXUtnFEMI/K7MDENG failed', {
        detail: 'header carried extra-secret-value',
        error: new Error('bad secret wJalrXUtnFEMI/K7MDENG'),
      });
      await flushLogs();

      expect(text()).not.toContain('wJalrXUtnFEMI/K7MDENG');
      expect(text()).not.toContain('extra-secret-value');
      expect(text()).toContain('Signing with [REDACTED] failed');
      expect(text()).toContain('header carried [REDACTED]');
    });

    it('replaces secret values only as whole tokens', async () => {
      const config = testConfig({ credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const { logger, entries } = captureLogs({ config, secrets: ['p.a+ss'] });

      logger.warn('Store defined locally and in States', {
        detail: 'key local, url http://local:8080/, header local;',
        nonLocal: 'unlocal local1 _local_ p.a+ss p.a+ssword',
      });
      await flushLogs();

      expect(entries()[0].message).toBe('Store defined locally and in States');
      expect(entries()[0].detail).toBe('key [REDACTED], url http://[REDACTED]:8080/, header [REDACTED];');
      expect(entries()[0].nonLocal).toBe('unlocal local1 _local_ [REDACTED] p.a+ssword');
    });

    it('ignores secret values shorter than 4 characters', async () => {
      const { logger, entries } = captureLogs({ secrets: ['abc'] });

      logger.info('Read abc rows', { detail: 'abc' });
      await flushLogs();

      expect(entries()[0]).toMatchObject({ message: 'Read abc rows', detail: 'abc' });
    });

    it('keeps errors as name, message and stack', async () => {
      const { logger, entries } = captureLogs();
      const cause = new Error('socket closed');
      logger.error('Poll failed', { error: Object.assign(new TypeError('fetch failed', { cause }), { code: 'ECONNRESET' }) });
      await flushLogs();

      const error = entries()[0].error as Record<string, unknown>;
      expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed', code: 'ECONNRESET', cause: { name: 'Error', message: 'socket closed' } });
      expect(error.stack).toMatch(/^TypeError: fetch failed\n/);
    });

    it('cuts cycles', async () => {
      const { logger, entries } = captureLogs();
      const node: Record<string, unknown> = { name: 'root' };
      node.self = node;
      logger.info('Cycle', { node });
      await flushLogs();

      expect(entries()[0].node).toEqual({ name: 'root', self: '[Circular or too deep]' });
    });
  });

  describe('formats', () => {
    it('writes one JSON object per line with a timestamp', async () => {
      const { logger, entries } = captureLogs();
      logger.info('Application started', { workers: 2 });
      await flushLogs();

      expect(entries()).toEqual([{ level: 'info', message: 'Application started', workers: 2, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    });

    it('writes readable lines in pretty format, with stacks below', async () => {
      const { logger, text } = captureLogs({ format: 'pretty' });
      logger.warn('Task failed', { worker: 'csv_import', durationMs: 12, note: 'two words', error: new Error('boom') });
      await flushLogs();

      const [line, stackStart] = text().split('\n');
      expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z WARN {2}Task failed worker=csv_import durationMs=12 note="two words" error="Error: boom"$/);
      expect(stackStart).toBe('    Error: boom');
    });

    it('chooses pretty lines on a terminal and JSON otherwise in auto format', async () => {
      const terminal = Object.assign(new PassThrough(), { isTTY: true });
      const pipe = new PassThrough();
      const chunks = { terminal: '', pipe: '' };
      terminal.on('data', (chunk: Buffer) => (chunks.terminal += chunk.toString()));
      pipe.on('data', (chunk: Buffer) => (chunks.pipe += chunk.toString()));

      createLogger({ destination: terminal }).info('Hello');
      createLogger({ destination: pipe }).info('Hello');
      await flushLogs();

      expect(chunks.terminal.endsWith(' \u001b[32mINFO \u001b[0m Hello\n')).toBe(true);
      expect(JSON.parse(chunks.pipe)).toMatchObject({ level: 'info', message: 'Hello' });
    });
  });

  describe('levels', () => {
    it('writes info and above by default', async () => {
      const destination = new PassThrough();
      let written = '';
      destination.on('data', (chunk: Buffer) => (written += chunk.toString()));
      const logger = createLogger({ destination, format: 'json' });

      logger.debug('Detail');
      logger.info('Lifecycle');
      await flushLogs();

      expect(written.trim().split('\n').map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['Lifecycle']);
    });

    it('takes the level from the config, and the option over it', async () => {
      const config = testConfig({ logLevel: 'warn' });
      const fromConfig = captureLogs({ config, level: undefined });
      fromConfig.logger.info('Dropped');
      fromConfig.logger.warn('Kept');

      const fromOption = captureLogs({ config, level: 'debug' });
      fromOption.logger.debug('Kept too');
      await flushLogs();

      expect(fromConfig.entries().map((entry) => entry.message)).toEqual(['Kept']);
      expect(fromOption.entries().map((entry) => entry.message)).toEqual(['Kept too']);
    });
  });

  describe('logging_config.json', () => {
    function configFile(content: unknown): string {
      const path = join(tempDir(), 'logging_config.json');
      writeFileSync(path, JSON.stringify(content));
      return path;
    }

    it('applies minimumLevel.default and overrides by worker and source', async () => {
      const loggingConfigPath = configFile({
        logging: {
          minimumLevel: { default: 'Warning', override: { csv_import: 'Debug', 'bevault.polling': 'Error', bevault: 'Information' } },
        },
      });
      const { logger, entries } = captureLogs({ config: testConfig({ loggingConfigPath }), level: undefined });

      logger.info('Plain info');
      logger.debug('Import detail', { worker: 'csv_import' });
      logger.debug('Export detail', { worker: 'csv_export' });
      logger.warn('Poll retry', { source: 'bevault.polling' });
      logger.error('Poll failed', { source: 'bevault.polling' });
      logger.info('Registry info', { source: 'bevault.registry' });
      await flushLogs();

      expect(entries().map((entry) => entry.message)).toEqual(['Import detail', 'Poll failed', 'Registry info']);
    });

    it('accepts the .NET Serilog root, a string level and keys in any case', async () => {
      const loggingConfigPath = configFile({ Serilog: { MinimumLevel: 'Error', WriteTo: [{ Name: 'Console' }] } });
      const { logger, entries } = captureLogs({ config: testConfig({ loggingConfigPath }), level: undefined });

      logger.warn('Dropped');
      logger.error('Kept');
      await flushLogs();

      expect(entries().map((entry) => entry.message)).toEqual(['Kept']);
    });

    it('writes JSON to a rolling File sink and nothing to the console without a Console sink', async () => {
      const folder = tempDir();
      const loggingConfigPath = configFile({
        logging: {
          writeTo: [{ name: 'File', args: { path: join(folder, 'logs', 'worker.log'), fileSizeLimitBytes: 300, retainedFileCountLimit: 2 } }],
        },
      });
      const { logger, text } = captureLogs({ config: testConfig({ loggingConfigPath }), level: undefined });

      for (let index = 0; index < 20; index += 1) {
        logger.info('Task succeeded', { index, worker: 'csv_import' });
      }
      await flushLogs();

      expect(text()).toBe('');
      const indexesIn = (file: string) =>
        readFileSync(join(folder, 'logs', file), 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { index: number }).index);
      expect(readdirSync(join(folder, 'logs')).sort()).toEqual(['worker.log', 'worker.log.1', 'worker.log.2']);

      const current = indexesIn('worker.log');
      const previous = indexesIn('worker.log.1');
      const oldest = indexesIn('worker.log.2');
      expect([...oldest, ...previous, ...current]).toEqual(Array.from({ length: oldest.length + previous.length + current.length }, (_, i) => oldest[0] + i));
      expect(current[current.length - 1]).toBe(19);
      expect(statSync(join(folder, 'logs', 'worker.log.1')).size).toBeLessThanOrEqual(300);
    });

    it('warns once for each sink it does not support', async () => {
      const loggingConfigPath = configFile({ logging: { writeTo: [{ name: 'Console' }, { name: 'Seq', args: { serverUrl: 'http://seq' } }] } });
      const { entries } = captureLogs({ config: testConfig({ loggingConfigPath }), level: undefined });
      await flushLogs();

      expect(entries()).toEqual([
        expect.objectContaining({ level: 'warn', message: 'Logging sink ignored', sink: 'Seq', file: loggingConfigPath, supported: ['Console', 'File'] }),
      ]);
    });

    it.each([
      [{ logging: { minimumLevel: { default: 'Loud' } } }, 'Invalid logging.minimumLevel.default in PATH: "Loud". Expected one of error, warn, info, debug (Serilog names such as Information or Warning are accepted too).'],
      [{ logging: { minimumLevel: { override: { urllib3: 3 } } } }, 'Invalid logging.minimumLevel.override.urllib3 in PATH: 3. Expected one of error, warn, info, debug (Serilog names such as Information or Warning are accepted too).'],
      [{ logging: { writeTo: { name: 'Console' } } }, 'Invalid logging.writeTo in PATH: {"name":"Console"}. Expected an array of sinks such as [{"name": "Console"}].'],
      [{ logging: { writeTo: [{ name: 'File', args: {} }] } }, 'Invalid logging.writeTo[0].args.path in PATH: missing. Expected the path of the log file.'],
      [{ logging: { writeTo: [{ name: 'File', args: { path: 'a.log', fileSizeLimitBytes: '10MB' } }] } }, 'Invalid logging.writeTo[0].args.fileSizeLimitBytes in PATH: "10MB". Expected a positive integer.'],
      [{ other: {} }, 'Invalid logging in PATH: missing. Expected an object with minimumLevel and writeTo, such as {"logging": {"minimumLevel": {"default": "Information"}}}.'],
    ])('rejects %j naming the key', (content, message) => {
      const loggingConfigPath = configFile(content);
      expect(() => createLogger({ config: testConfig({ loggingConfigPath }) })).toThrow(new ConfigurationError('logging_config_path', message.replace('PATH', loggingConfigPath)));
    });

    it('rejects a file that is not JSON', () => {
      const loggingConfigPath = join(tempDir(), 'logging_config.json');
      writeFileSync(loggingConfigPath, '{ logging: ');
      expect(() => createLogger({ config: testConfig({ loggingConfigPath }) })).toThrow(
        new ConfigurationError('logging_config_path', `The logging configuration ${loggingConfigPath} is not valid JSON at line 1, column 3. Check it with a JSON validator.`),
      );
    });

    it('rejects invalid JSON without quoting the text around the error', () => {
      const loggingConfigPath = join(tempDir(), 'logging_config.json');
      writeFileSync(loggingConfigPath, '{"Serilog": {"writeTo": [\n  {"name": "Seq", "args": {"serverUrl": "http://seq:5341", "apiKey":SEQ-SECRET-4711}}]}}');

      const error = catchError(() => createLogger({ config: testConfig({ loggingConfigPath }) }), ConfigurationError);

      expect(error.message).toBe(`The logging configuration ${loggingConfigPath} is not valid JSON at line 2, column 69. Check it with a JSON validator.`);
      expect(error.cause).toBeUndefined();
    });
  });
});

describe(createTaskLogger.name, () => {
  it('carries the worker, the activity ARN and a short task id, never the token', async () => {
    const { logger, text, entries } = captureLogs();
    const taskToken = 'AAAAKgAAAAIAAAAAAAAAAf7ZbJ+whole/secret+token==';
    const taskLogger = createTaskLogger(logger, { workerName: 'csv_import', activityArn: 'arn:aws:states:us-east-1:1:activity:dev_csv_import', taskToken });

    taskLogger.info('Task succeeded', { durationMs: 5 });
    await flushLogs();

    expect(entries()[0]).toMatchObject({
      message: 'Task succeeded',
      worker: 'csv_import',
      activityArn: 'arn:aws:states:us-east-1:1:activity:dev_csv_import',
      taskId: createHash('sha256').update(taskToken).digest('hex').slice(0, 12),
      durationMs: 5,
    });
    expect(text()).not.toContain(taskToken);
  });
});

describe(shortTaskId.name, () => {
  it('returns the same 12 hex characters for the same token', () => {
    expect(shortTaskId('token-a')).toMatch(/^[0-9a-f]{12}$/);
    expect(shortTaskId('token-a')).toBe(shortTaskId('token-a'));
    expect(shortTaskId('token-a')).not.toBe(shortTaskId('token-b'));
  });
});
