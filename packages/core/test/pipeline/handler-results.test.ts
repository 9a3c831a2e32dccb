import 'reflect-metadata';
import type { StoreRegistry } from '@bevault-workers/stores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TaskFailure, Worker, WorkerErrorCodes, createTaskPipeline, type TaskAnswer } from '../../src/index';
import { flushLogs } from '../helpers/log-capture';
import { pipelineFor, type PipelineUnderTest } from '../helpers/pipeline';
import { createTestStores } from '../helpers/stores';
import { useTempDirs } from '../helpers/temp-dirs';

/** What the handler under test does; each test sets it. */
let behaviour: () => unknown = () => undefined;

@Worker('results')
class ResultsWorker {
  handle(): unknown {
    return behaviour();
  }
}

class SqlTimeoutError extends Error {
  override name = 'SqlTimeoutError';
}

function failure(error: string, cause: string): TaskAnswer {
  return { kind: 'failure', error, cause };
}

describe(`${createTaskPipeline.name} results`, () => {
  const tempDir = useTempDirs();
  let stores: StoreRegistry;
  let subject: PipelineUnderTest;

  beforeEach(() => {
    stores = createTestStores(tempDir());
    subject = pipelineFor(ResultsWorker, stores);
  });
  afterEach(async () => {
    await stores.close();
  });

  async function answerFor(handler: () => unknown): Promise<TaskAnswer> {
    behaviour = handler;
    const answer = await subject.run('{}');
    if (answer.kind === 'failure') {
      const { thrown: _thrown, ...rest } = answer;
      return rest;
    }
    return answer;
  }

  describe('when the handler returns', () => {
    it.each<[string, () => unknown, string]>([
      ['an object', () => ({ rows: 3, table: 'sales' }), '{"rows":3,"table":"sales"}'],
      ['a promise of an object', async () => ({ rows: 3 }), '{"rows":3}'],
      ['a string', () => 'done', '"done"'],
      ['a number', () => 42, '42'],
      ['an array', () => [1, 'two'], '[1,"two"]'],
      ['null', () => null, 'null'],
      ['nothing', () => undefined, 'null'],
      ['a class instance', () => new Date(Date.UTC(2024, 0, 2)), '"2024-01-02T00:00:00.000Z"'],
      ['a dict with another status', () => ({ status: 'ok', rows: 3 }), '{"status":"ok","rows":3}'],
    ])('%s, it succeeds with its JSON', async (_case, handler, output) => {
      expect(await answerFor(handler)).toEqual({ kind: 'success', output });
    });

    it('{status: "error"}, it fails with WorkerError and the message', async () => {
      expect(await answerFor(() => ({ status: 'error', error_message: 'table sales is locked' }))).toEqual(
        failure('WorkerError', 'table sales is locked'),
      );
    });

    it('{status: "error"} without a message, it says so', async () => {
      expect(await answerFor(() => ({ status: 'error' }))).toEqual(failure('WorkerError', "The handler returned {status: 'error'} without an error_message."));
    });

    it('{status: "canceled"}, it sends no answer', async () => {
      expect(await answerFor(() => ({ status: 'canceled', message: 'input already imported' }))).toEqual({
        kind: 'none',
        reason: 'input already imported',
      });
      expect(await answerFor(() => ({ status: 'canceled' }))).toEqual({ kind: 'none', reason: "The handler returned {status: 'canceled'}." });
    });

    it('output of exactly 262,144 bytes, it succeeds', async () => {
      const answer = await answerFor(() => 'a'.repeat(262_142));
      expect(answer.kind).toBe('success');
    });

    it('output over 262,144 bytes, it fails with Worker.OutputTooLarge', async () => {
      expect(await answerFor(() => ({ data: 'x'.repeat(300_000) }))).toEqual(
        failure(
          WorkerErrorCodes.outputTooLarge,
          'The task output is 300,011 bytes of UTF-8 JSON, over the 262,144 bytes Step Functions accepts. ' +
            'Write the data to a file store (FileStore.write) and return its file token instead.',
        ),
      );
    });

    it('output over the limit in UTF-8 but not in characters, it fails', async () => {
      const answer = await answerFor(() => 'é'.repeat(131_072));
      expect(answer).toMatchObject({ kind: 'failure', error: WorkerErrorCodes.outputTooLarge });
    });

    it.each<[string, () => unknown, string]>([
      ['a BigInt', () => ({ count: 10n }), "The handler's return value cannot be turned into JSON: a BigInt value at key 'count'."],
      ['a BigInt alone', () => 10n, "The handler's return value cannot be turned into JSON: a BigInt value at key '(root)'."],
      [
        'a cycle',
        () => {
          const node: Record<string, unknown> = { name: 'root' };
          node.self = node;
          return node;
        },
        "The handler's return value cannot be turned into JSON: Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle.",
      ],
      [
        'a throwing toJSON',
        () => ({
          toJSON() {
            throw new Error('no JSON today');
          },
        }),
        "The handler's return value cannot be turned into JSON: no JSON today.",
      ],
      ['a function', () => () => 1, 'The handler returned a function, which JSON cannot represent.'],
      ['a symbol', () => Symbol('s'), 'The handler returned a symbol, which JSON cannot represent.'],
    ])('%s, it fails with Worker.OutputNotSerializable', async (_case, handler, reason) => {
      expect(await answerFor(handler)).toEqual(
        failure(
          WorkerErrorCodes.outputNotSerializable,
          `${reason} Return plain JSON data: objects, arrays, strings, finite numbers, booleans and null, without cycles; convert BigInt values to strings.`,
        ),
      );
    });
  });

  describe('when the handler throws', () => {
    it.each<[string, () => unknown, string, string]>([
      [
        'a TaskFailure',
        () => {
          throw new TaskFailure('Sql.Timeout', 'Query on sales timed out after 30 s');
        },
        'Sql.Timeout',
        'Query on sales timed out after 30 s',
      ],
      [
        'a TaskFailure from a rejected promise',
        async () => {
          throw new TaskFailure('Sql.Timeout', 'late');
        },
        'Sql.Timeout',
        'late',
      ],
      [
        'a TypeError',
        () => {
          throw new TypeError('rows is not iterable');
        },
        'TypeError',
        'rows is not iterable',
      ],
      [
        'an error subclass',
        () => {
          throw new SqlTimeoutError('timed out');
        },
        'SqlTimeoutError',
        'timed out',
      ],
      [
        'an error with an empty name',
        () => {
          const error = new Error('nameless');
          error.name = '';
          throw error;
        },
        'Error',
        'nameless',
      ],
      [
        'an error-like object',
        () => {
          throw { name: 'RemoteError', message: 'remote side failed' };
        },
        'RemoteError',
        'remote side failed',
      ],
      [
        'a string',
        () => {
          throw 'file not found';
        },
        'Error',
        'file not found',
      ],
      [
        'undefined',
        () => {
          throw undefined;
        },
        'Error',
        'The handler threw undefined instead of an Error.',
      ],
      [
        'null',
        () => {
          throw null;
        },
        'Error',
        'The handler threw null instead of an Error.',
      ],
      [
        'a number',
        () => {
          throw 42;
        },
        'Error',
        'The handler threw a non-Error number: 42',
      ],
      [
        'a plain object',
        () => {
          throw { code: 42 };
        },
        'Error',
        'The handler threw a non-Error object: {"code":42}',
      ],
      [
        'an object with a cycle',
        () => {
          const value: Record<string, unknown> = {};
          value.self = value;
          throw value;
        },
        'Error',
        'The handler threw a non-Error object: [object Object]',
      ],
    ])('%s, it fails with its code and message', async (_case, handler, error, cause) => {
      expect(await answerFor(handler)).toEqual(failure(error, cause));
    });

    it('an error whose message cannot be read, it still fails the task', async () => {
      expect(
        await answerFor(() => {
          throw Object.defineProperty(new Error(), 'message', {
            get() {
              throw new Error('getter broke');
            },
          });
        }),
      ).toEqual(failure('Error', 'The handler threw a value whose name or message cannot be read.'));
    });

    it('logs an unexpected error with its stack at warn', async () => {
      behaviour = () => {
        throw new TypeError('rows is not iterable');
      };
      await subject.run('{}');
      await flushLogs();

      const [entry] = subject.logs().filter((logged) => logged.message === 'Handler threw');
      expect(entry).toMatchObject({ level: 'warn', errorCode: 'TypeError', aborted: false, error: { name: 'TypeError', message: 'rows is not iterable' } });
      expect((entry.error as { stack: string }).stack).toMatch(/^TypeError: rows is not iterable\n {4}at /);
    });

    it('logs a TaskFailure at debug only', async () => {
      behaviour = () => {
        throw new TaskFailure('Import.Empty', 'no rows');
      };
      await subject.run('{}');
      await flushLogs();

      expect(subject.logs().filter((logged) => logged.level === 'warn')).toEqual([]);
      expect(subject.logs()).toContainEqual(expect.objectContaining({ level: 'debug', message: 'Handler failed the task', errorCode: 'Import.Empty' }));
    });

    it('keeps what was thrown for the outcome log', async () => {
      const thrown = new TypeError('kept');
      behaviour = () => {
        throw thrown;
      };
      const answer = await subject.run('{}');
      expect(answer).toMatchObject({ kind: 'failure', error: 'TypeError' });
      expect((answer as { thrown?: unknown }).thrown).toBe(thrown);
    });

    it('cuts a 40,000-character message to 32,768 characters with a marker', async () => {
      const message = 'm'.repeat(40_000);
      const answer = await answerFor(() => {
        throw new Error(message);
      });

      const marker = '\n…[truncated, 40000 characters in total]';
      expect(answer).toEqual(failure('Error', `${'m'.repeat(32_768 - marker.length)}${marker}`));
      expect((answer as { cause: string }).cause).toHaveLength(32_768);
    });

    it('cuts a 300-character code to 256 characters with a marker', async () => {
      const answer = await answerFor(() => {
        throw new TaskFailure('C'.repeat(300), 'long code');
      });

      expect(answer).toEqual(failure(`${'C'.repeat(256 - '…[truncated]'.length)}…[truncated]`, 'long code'));
    });

    it('never splits a surrogate pair when cutting', async () => {
      const answer = await answerFor(() => {
        throw new Error('😀'.repeat(20_000));
      });

      const cause = answer.kind === 'failure' ? answer.cause : '';
      expect(cause.length).toBeLessThanOrEqual(32_768);
      expect(cause.endsWith('\n…[truncated, 40000 characters in total]')).toBe(true);
      expect(Buffer.from(cause, 'utf8').toString('utf8')).toBe(cause);
    });
  });

  describe('when the signal aborted before the handler settled', () => {
    it('still maps what the handler returns', async () => {
      const { context, controller } = subject.context();
      behaviour = async () => {
        controller.abort({ kind: 'shutdown', graceMs: 0 });
        return { finished: true };
      };

      expect(await subject.run('{}', context)).toEqual({ kind: 'success', output: '{"finished":true}' });
      expect(context.signal.aborted).toBe(true);
    });
  });
});
