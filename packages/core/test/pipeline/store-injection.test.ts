import 'reflect-metadata';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';

import {
  LocalFileStore,
  SqliteStore,
  StoreRegistry,
  normalizeStoreDefinition,
  type DbStore,
  type FileStore,
  type ResolvedFileToken,
  type Store,
} from '@bevault-workers/stores';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FileTokenRef, InjectStore, Input, StoreRef, Worker, WorkerErrorCodes, createTaskPipeline, type TaskAnswer } from '../../src/index';
import { resolveStoreRefs } from '../../src/injection/resolve-store-refs';
import { pipelineFor } from '../helpers/pipeline';
import { createTestStores } from '../helpers/stores';
import { useTempDirs } from '../helpers/temp-dirs';

/** What the last handler call received. */
let received: unknown;

class CopyInput {
  @StoreRef('database') source!: DbStore;
  @StoreRef('file') target!: FileStore;
  @IsOptional() @StoreRef() other?: Store;
}

@Worker('copy')
@Input(CopyInput)
class CopyWorker {
  handle(input: CopyInput): unknown {
    received = input;
    return {};
  }
}

class ReadInput {
  @FileTokenRef() file!: ResolvedFileToken;
}

@Worker('read_file')
@Input(ReadInput)
class ReadFileWorker {
  async handle(input: ReadInput): Promise<unknown> {
    received = input;
    return { content: await text(await input.file.store.openRead(input.file.token)) };
  }
}

class TargetInput {
  @StoreRef('database') store!: DbStore;
}

class BatchInput {
  @StoreRef('any', { each: true }) stores!: Store[];
  @ValidateNested() @Type(() => TargetInput) target!: TargetInput;
}

@Worker('batch')
@Input(BatchInput)
class BatchWorker {
  handle(input: BatchInput): unknown {
    received = input;
    return {};
  }
}

class ChainInput {
  @IsOptional() @StoreRef('database') store?: DbStore;
  @IsOptional() @ValidateNested() @Type(() => ChainInput) next?: ChainInput;
}

@Worker('chain')
@Input(ChainInput)
class ChainWorker {
  handle(input: ChainInput): unknown {
    received = input;
    return {};
  }
}

/** Builds `{"next": {"next": ... {"store": name}}}` with the store at `depth` levels below the top. */
function chainInput(depth: number, storeName: string): string {
  let node: Record<string, unknown> = { store: storeName };
  for (let level = 0; level < depth; level += 1) {
    node = { next: node };
  }
  return JSON.stringify(node);
}

function chainEnd(input: ChainInput): ChainInput {
  let node = input;
  while (node.next !== undefined) {
    node = node.next;
  }
  return node;
}

function invalidCause(answer: TaskAnswer): string {
  expect(answer).toMatchObject({ kind: 'failure', error: WorkerErrorCodes.invalidInput });
  return answer.kind === 'failure' ? answer.cause : '';
}

describe(`${createTaskPipeline.name} store references`, () => {
  const tempDir = useTempDirs();
  let fileBase: string;
  let stores: StoreRegistry;

  beforeEach(() => {
    fileBase = tempDir();
    stores = createTestStores(fileBase);
    received = undefined;
  });
  afterEach(async () => {
    await stores.close();
  });

  it('hands the handler the stores named in the input, ignoring case', async () => {
    const answer = await pipelineFor(CopyWorker, stores).run('{"source": "WAREHOUSE", "target": "landing", "other": "Warehouse"}');

    expect(answer).toEqual({ kind: 'success', output: '{}' });
    const input = received as CopyInput;
    expect(input.source).toBeInstanceOf(SqliteStore);
    expect(input.source).toBe(stores.get('Warehouse'));
    expect(input.target).toBeInstanceOf(LocalFileStore);
    expect(input.other).toBe(input.source);
    expect(await input.source.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('lists the existing stores for an unknown name', async () => {
    const text = invalidCause(await pipelineFor(CopyWorker, stores).run('{"source": "archive", "target": "landing"}'));
    expect(text).toBe(
      "The input (CopyInput) of worker 'copy' is invalid (1 problem):\n" +
        "- source: Store 'archive' not found. Existing stores: 'Broken', 'Landing', 'Warehouse'. " +
        'Define it in config.json, the STORE_CONFIG environment variable or States (names match case-insensitively). (storeRef)',
    );
  });

  it('rejects a store of the other kind and one that could not be built', async () => {
    const text = invalidCause(await pipelineFor(CopyWorker, stores).run('{"source": "landing", "target": "broken"}'));
    expect(text.split('\n')).toEqual([
      "The input (CopyInput) of worker 'copy' is invalid (2 problems):",
      "- source: Store 'Landing' is a file store, but a database store is required. Pass the name of a database store. (storeRef)",
      `- target: Store 'Broken' is unavailable: ${stores.failures().get('Broken')} (storeRef)`,
    ]);
  });

  it('validates that a store reference is a name', async () => {
    const text = invalidCause(await pipelineFor(CopyWorker, stores).run('{"source": 3, "target": ""}'));
    expect(text.split('\n')).toEqual([
      "The input (CopyInput) of worker 'copy' is invalid (2 problems):",
      '- source: source must be the name of a database store (isStoreName)',
      '- target: target must be the name of a file store (isStoreName)',
    ]);
  });

  it('resolves a file token to its store, path and token', async () => {
    const landing = stores.getFileStore('Landing');
    const token = landing.createFileToken('in/data.csv');
    await landing.write(token, 'id,name\n1,a\n');

    const answer = await pipelineFor(ReadFileWorker, stores).run(JSON.stringify({ file: token }));

    expect(answer).toEqual({ kind: 'success', output: JSON.stringify({ content: 'id,name\n1,a\n' }) });
    expect((received as ReadInput).file).toEqual({ store: landing, path: 'in/data.csv', token });
  });

  it.each([
    ['file://Landing/../etc/passwd', "- file: Invalid file token 'file://Landing/../etc/passwd': the path contains a '..' segment; paths may not leave the store base (fileTokenRef)"],
    ['file://Archive/a.csv', "- file: Store 'Archive' not found. Existing stores: 'Broken', 'Landing', 'Warehouse'. Define it in config.json, the STORE_CONFIG environment variable or States (names match case-insensitively). (fileTokenRef)"],
    ['not a token', '- file: file must be a file token such as file://storeName/path/to/file.csv (isFileToken)'],
  ])('rejects the file token %s', async (token, line) => {
    const text = invalidCause(await pipelineFor(ReadFileWorker, stores).run(JSON.stringify({ file: token })));
    expect(text).toBe(`The input (ReadInput) of worker 'read_file' is invalid (1 problem):\n${line}`);
  });

  it('resolves arrays of names and references in nested inputs', async () => {
    await pipelineFor(BatchWorker, stores).run('{"stores": ["warehouse", "landing"], "target": {"store": "warehouse"}}');

    const input = received as BatchInput;
    expect(input.stores).toEqual([stores.get('Warehouse'), stores.get('Landing')]);
    expect(input.target.store).toBe(stores.get('Warehouse'));
  });

  it('resolves a reference nested 100 levels deep', async () => {
    const answer = await pipelineFor(ChainWorker, stores).run(chainInput(100, 'warehouse'));

    expect(answer).toEqual({ kind: 'success', output: '{}' });
    expect(chainEnd(received as ChainInput).store).toBe(stores.getDatabase('warehouse'));
  });

  it('names a reference nested 100 levels deep that does not resolve', async () => {
    const text = invalidCause(await pipelineFor(ChainWorker, stores).run(chainInput(100, 'nope')));

    expect(text.split('\n').map((line) => line.split(':')[0])).toEqual([
      "The input (ChainInput) of worker 'chain' is invalid (1 problem)",
      `- ${'next.'.repeat(100)}store`,
    ]);
  });

  it('reports references in objects nested deeper than task input may be', () => {
    const top = new ChainInput();
    let node = top;
    for (let level = 0; level < 600; level += 1) {
      node.next = new ChainInput();
      node = node.next;
    }
    node.store = 'warehouse' as unknown as DbStore;

    expect(resolveStoreRefs(top, stores)).toEqual([
      `- ${'next.'.repeat(512)}next: nested deeper than 512 levels, so its store references were not resolved (storeRef)`,
    ]);
  });

  it('names the array item or nested property that does not resolve', async () => {
    const text = invalidCause(await pipelineFor(BatchWorker, stores).run('{"stores": ["warehouse", "nope"], "target": {"store": "landing"}}'));
    expect(text.split('\n').map((line) => line.split(':')[0])).toEqual([
      "The input (BatchInput) of worker 'batch' is invalid (2 problems)",
      '- stores[1]',
      '- target.store',
    ]);
  });
});

describe('@InjectStore during tasks', () => {
  const tempDir = useTempDirs();

  it('keeps the store a running task started with when definitions change', async () => {
    const folder = tempDir();
    const define = (file: string) => [normalizeStoreDefinition({ Name: 'Warehouse', Type: 'sqlite', Config: { path: join(folder, file) } })];
    const stores = StoreRegistry.create({ definitions: define('first.db') });

    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });

    @Worker('store_file')
    class StoreFileWorker {
      static waitForGate = true;
      constructor(@InjectStore('warehouse') readonly warehouse: DbStore) {}
      async handle(): Promise<unknown> {
        if (StoreFileWorker.waitForGate) {
          started();
          await gate;
        }
        const rows = await this.warehouse.query<{ file: string }>('select file from pragma_database_list where name = ?', ['main']);
        return { database: rows[0].file.split('/').pop() };
      }
    }

    try {
      const subject = pipelineFor(StoreFileWorker, stores);
      const first = subject.run('{}');
      await running;

      await stores.applyDefinitions(define('second.db'));
      release();
      expect(await first).toEqual({ kind: 'success', output: '{"database":"first.db"}' });

      StoreFileWorker.waitForGate = false;
      expect(await subject.run('{}')).toEqual({ kind: 'success', output: '{"database":"second.db"}' });
    } finally {
      await stores.close();
    }
  });
});
