import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FileTokenRef, Inject, Injectable, Input, InjectStore, StoreRef, Worker, type DbStore, type FileStore, type ResolvedFileToken } from '@bevault-workers/core';
import { afterEach, describe, expect, it } from 'vitest';

import { Test, WorkerAppBuilder, type TestingWorkerApp } from '../../src/index';
import { CLOCK, GreetWorker, type Clock } from '../support/workers';

@Injectable()
class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

@Injectable()
class EpochClock implements Clock {
  now(): Date {
    return new Date(0);
  }
}

/** Counts the rows of a table in the store injected by name. */
@Worker('count_rows')
class CountRowsWorker {
  constructor(@InjectStore('warehouse') private readonly warehouse: DbStore) {}

  async handle(input: { table: string }): Promise<unknown> {
    const rows = await this.warehouse.query<{ total: number }>('select count(*) as total from ??', [input.table]);
    return { total: Number(rows[0]?.total) };
  }
}

class CopyInput {
  @FileTokenRef()
  source!: ResolvedFileToken;

  @StoreRef('file')
  target!: FileStore;
}

/** Copies a file named by its token into a store named in the input. */
@Worker('copy_file')
@Input(CopyInput)
class CopyFileWorker {
  async handle(input: CopyInput): Promise<unknown> {
    const text = await streamToString(await input.source.store.openRead(input.source.token));
    const token = input.target.createFileToken(`copies/${input.source.path}`);
    await input.target.write(token, text.toUpperCase());
    return { token };
  }
}

async function streamToString(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Buffer));
  }

  return Buffer.concat(chunks).toString('utf8');
}

const apps: TestingWorkerApp[] = [];

async function compile(builder: WorkerAppBuilder): Promise<TestingWorkerApp> {
  const app = await builder.compile();
  apps.push(app);
  return app;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe(WorkerAppBuilder.name, () => {
  describe('overrideProvider', () => {
    it('replaces a listed provider with useClass', async () => {
      const app = await compile(
        Test.createWorkerApp({ workers: [GreetWorker], providers: [{ provide: CLOCK, useClass: SystemClock }] })
          .overrideProvider(CLOCK)
          .useClass(EpochClock),
      );

      const outcome = await app.run('greet', { name: 'Ada', times: 1 });

      expect(outcome).toMatchObject({ status: 'succeeded', output: { greetings: ['Hello Ada at 1970-01-01T00:00:00.000Z'] } });
      expect(app.container.resolve<Clock>(CLOCK)).toBeInstanceOf(EpochClock);
    });

    it('provides a factory result built from injected tokens', async () => {
      const app = await compile(
        Test.createWorkerApp({ workers: [GreetWorker], providers: [{ provide: 'epoch', useValue: 86_400_000 }] })
          .overrideProvider(CLOCK)
          .useFactory((epoch: number) => ({ now: () => new Date(epoch) }), ['epoch']),
      );

      const outcome = await app.run('greet', { name: 'Bo', times: 1 });

      expect(outcome).toMatchObject({ output: { greetings: ['Hello Bo at 1970-01-02T00:00:00.000Z'] } });
    });

    it('lets the last override of a token win', async () => {
      const builder = Test.createWorkerApp({ workers: [GreetWorker] });
      builder.overrideProvider(CLOCK).useClass(SystemClock);
      builder.overrideProvider(CLOCK).useValue({ now: () => new Date(1_000) });
      const app = await compile(builder);

      await expect(app.run('greet', { name: 'Cy', times: 1 })).resolves.toMatchObject({ output: { greetings: ['Hello Cy at 1970-01-01T00:00:01.000Z'] } });
    });

    it('replaces an @Injectable class found through a constructor', async () => {
      @Injectable()
      class Formatter {
        constructor(@Inject(CLOCK) readonly clock: Clock) {}

        format(): string {
          return 'real';
        }
      }

      @Worker('format')
      class FormatWorker {
        constructor(private readonly formatter: Formatter) {}

        async handle(): Promise<string> {
          return this.formatter.format();
        }
      }

      const app = await compile(Test.createWorkerApp({ workers: [FormatWorker] }).overrideProvider(Formatter).useValue({ format: () => 'fake' }));

      await expect(app.run('format')).resolves.toMatchObject({ status: 'succeeded', output: 'fake' });
    });
  });

  describe('overrideStore', () => {
    it('injects a fake store given to useValue', async () => {
      const queries: unknown[] = [];
      const fake = {
        kind: 'database' as const,
        query: async (sql: string, bindings: unknown) => {
          queries.push({ sql, bindings });
          return [{ total: 7 }];
        },
      };
      const app = await compile(Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('Warehouse').useValue(fake));

      await expect(app.run('count_rows', { table: 'orders' })).resolves.toMatchObject({ status: 'succeeded', output: { total: 7 } });
      expect(queries).toEqual([{ sql: 'select count(*) as total from ??', bindings: ['orders'] }]);
      expect(app.stores.get('warehouse').name).toBe('Warehouse');
    });

    it('replaces a defined store with an in-memory SQLite database', async () => {
      const app = await compile(
        Test.createWorkerApp({
          workers: [CountRowsWorker],
          stores: [{ Name: 'warehouse', Type: 'postgresql', Config: { Host: '127.0.0.1', Port: 1, Database: 'none' } }],
        })
          .overrideStore('warehouse')
          .useSqlite(),
      );
      const warehouse = app.stores.getDatabase('warehouse');
      await warehouse.execute('create table orders (id integer)');
      await warehouse.execute('insert into orders (id) values (1), (2), (3)');

      await expect(app.run('count_rows', { table: 'orders' })).resolves.toMatchObject({ status: 'succeeded', output: { total: 3 } });
      expect(warehouse.type).toBe('sqlite');
    });

    it('serves file tokens and store references from temporary folders', async () => {
      const app = await compile(Test.createWorkerApp({ workers: [CopyFileWorker] }).overrideStore('landing').useTempDir().overrideStore('archive').useTempDir());
      const landing = app.stores.getFileStore('landing');
      await landing.write(landing.createFileToken('in/a.txt'), 'hello');

      const outcome = await app.run('copy_file', { source: 'file://landing/in/a.txt', target: 'archive' });

      expect(outcome).toEqual({ status: 'succeeded', output: { token: 'file://archive/copies/in/a.txt' }, rawOutput: '{"token":"file://archive/copies/in/a.txt"}' });
      expect(readFileSync(join(app.tempDir('archive'), 'copies', 'in', 'a.txt'), 'utf8')).toBe('HELLO');
    });

    it('fails a file token of an unknown store with Worker.InvalidInput', async () => {
      const app = await compile(Test.createWorkerApp({ workers: [CopyFileWorker] }).overrideStore('archive').useTempDir());

      const outcome = await app.run('copy_file', { source: 'file://nowhere/a.txt', target: 'archive' });

      expect(outcome).toMatchObject({ status: 'failed', error: 'Worker.InvalidInput' });
      expect((outcome as { cause: string }).cause).toContain('- source:');
    });

    it('builds useDefinition stores and deletes temp folders', async () => {
      const builder = Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('warehouse').useDefinition('sqlite3', { Path: ':memory:' });
      const app = await compile(builder.overrideStore('scratch').useTempDir());
      const scratch = app.tempDir('scratch');

      expect(app.stores.getDatabase('warehouse').type).toBe('sqlite');
      expect(existsSync(scratch)).toBe(true);

      await app.close();

      expect(existsSync(scratch)).toBe(false);
    });

    it('rejects a fake store without a kind', () => {
      const override = Test.createWorkerApp({ workers: [CountRowsWorker] }).overrideStore('warehouse');

      expect(() => override.useValue({ query: async () => [] } as never)).toThrow(
        "overrideStore('warehouse').useValue() needs an object with kind: 'database' or 'file', got an object with kind undefined.",
      );
    });
  });
});
