import 'reflect-metadata';
import type { StoreRegistry } from '@bevault-workers/stores';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsPositive, IsString, Max, MinLength, ValidateNested } from 'class-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  Inject,
  Input,
  Worker,
  WorkerErrorCodes,
  createApplicationContainer,
  createTaskPipeline,
  readWorkerDefinition,
  type TaskAnswer,
} from '../../src/index';
import { captureLogs } from '../helpers/log-capture';
import { testConfig } from '../helpers/runtime-config';
import { createTestContext } from '../helpers/task-context';
import { pipelineFor } from '../helpers/pipeline';
import { createTestStores } from '../helpers/stores';
import { useTempDirs } from '../helpers/temp-dirs';

class RowInput {
  @IsString() name!: string;
  @IsPositive() amount!: number;
}

class LimitsInput {
  @IsInt() @Max(100) limit!: number;
}

class ImportInput {
  @IsString() @MinLength(3) table!: string;
  @IsOptional() @IsString() schema?: string;
  @ValidateNested() @Type(() => LimitsInput) limits!: LimitsInput;
  @ValidateNested({ each: true }) @Type(() => RowInput) rows!: RowInput[];
}

/** What the last handler call received. */
let received: unknown;

@Worker('import')
@Input(ImportInput)
class ImportWorker {
  handle(input: ImportInput): unknown {
    received = input;
    return { ok: true };
  }
}

@Worker('strict_import', { forbidNonWhitelisted: true })
@Input(LimitsInput)
class StrictWorker {
  handle(input: LimitsInput): unknown {
    received = input;
    return {};
  }
}

@Worker('loose_import', { whitelist: false })
@Input(LimitsInput)
class LooseWorker {
  handle(input: LimitsInput): unknown {
    received = input;
    return {};
  }
}

@Worker('converting_import', { enableImplicitConversion: true })
@Input(LimitsInput)
class ConvertingWorker {
  handle(input: LimitsInput): unknown {
    received = input;
    return {};
  }
}

@Worker('raw')
class RawWorker {
  handle(input: unknown): unknown {
    received = input;
    return {};
  }
}

const validImport = { table: 'sales', limits: { limit: 10 }, rows: [{ name: 'a', amount: 1 }] };

function cause(answer: TaskAnswer): string {
  expect(answer.kind).toBe('failure');
  if (answer.kind !== 'failure') {
    return '';
  }
  expect(answer.error).toBe(WorkerErrorCodes.invalidInput);
  return answer.cause;
}

describe(`${createTaskPipeline.name} input`, () => {
  const tempDir = useTempDirs();
  let stores: StoreRegistry;

  beforeEach(() => {
    stores = createTestStores(tempDir());
    received = undefined;
  });
  afterEach(async () => {
    await stores.close();
  });

  it('hands the handler an instance of the input class with nested instances', async () => {
    expect(await pipelineFor(ImportWorker, stores).run(JSON.stringify(validImport))).toEqual({ kind: 'success', output: '{"ok":true}' });

    expect(received).toBeInstanceOf(ImportInput);
    const input = received as ImportInput;
    expect(input.limits).toBeInstanceOf(LimitsInput);
    expect(input.rows[0]).toBeInstanceOf(RowInput);
    expect(input).toEqual(Object.assign(new ImportInput(), { table: 'sales', limits: { limit: 10 }, rows: [{ name: 'a', amount: 1 }] }));
  });

  it('lists each failing property path and constraint', async () => {
    const input = { table: 'ab', schema: 7, limits: { limit: 500 }, rows: [{ name: 'a', amount: 1 }, { name: 3, amount: -2 }] };
    const text = cause(await pipelineFor(ImportWorker, stores).run(JSON.stringify(input)));

    expect(text).toBe(
      [
        "The input (ImportInput) of worker 'import' is invalid (5 problems):",
        '- table: table must be longer than or equal to 3 characters (minLength)',
        '- schema: schema must be a string (isString)',
        '- limits.limit: limit must not be greater than 100 (max)',
        '- rows[1].name: name must be a string (isString)',
        '- rows[1].amount: amount must be a positive number (isPositive)',
      ].join('\n'),
    );
    expect(received).toBeUndefined();
  });

  it('reports missing required properties', async () => {
    const text = cause(await pipelineFor(StrictWorker, stores).run('{}'));
    expect(text).toBe(
      [
        "The input (LimitsInput) of worker 'strict_import' is invalid (2 problems):",
        '- limit: limit must not be greater than 100 (max)',
        '- limit: limit must be an integer number (isInt)',
      ].join('\n'),
    );
  });

  it('rejects input that is not JSON', async () => {
    const text = cause(await pipelineFor(ImportWorker, stores).run('{"table": '));
    expect(text).toMatch(/^The input \(ImportInput\) of worker 'import' is invalid \(1 problem\):\n- \(root\): The task input is not valid JSON: .+/);
  });

  it.each([
    ['[1, 2]', 'an array'],
    ['null', 'null'],
    ['"text"', 'string'],
  ])('rejects %s where the input class expects an object', async (raw, shown) => {
    expect(cause(await pipelineFor(ImportWorker, stores).run(raw))).toBe(
      `The input (ImportInput) of worker 'import' is invalid (1 problem):\n- (root): expected a JSON object for ImportInput, got ${shown}`,
    );
  });

  it('strips properties without decorators by default', async () => {
    await pipelineFor(ImportWorker, stores).run(JSON.stringify({ ...validImport, extra: 'dropped', limits: { limit: 1, nested: true } }));

    expect(received).not.toHaveProperty('extra');
    expect((received as ImportInput).limits).not.toHaveProperty('nested');
  });

  it('rejects unknown properties with forbidNonWhitelisted', async () => {
    expect(cause(await pipelineFor(StrictWorker, stores).run('{"limit": 1, "extra": true}'))).toBe(
      "The input (LimitsInput) of worker 'strict_import' is invalid (1 problem):\n- extra: property extra should not exist (whitelistValidation)",
    );
  });

  it('keeps unknown properties with whitelist off', async () => {
    await pipelineFor(LooseWorker, stores).run('{"limit": 1, "extra": true}');
    expect(received).toEqual(Object.assign(new LimitsInput(), { limit: 1, extra: true }));
  });

  it('converts values to the declared types with enableImplicitConversion', async () => {
    await pipelineFor(ConvertingWorker, stores).run('{"limit": "42"}');
    expect((received as LimitsInput).limit).toBe(42);
  });

  it('hands a worker without @Input the parsed JSON', async () => {
    await pipelineFor(RawWorker, stores).run('[1, {"a": "b"}]');
    expect(received).toEqual([1, { a: 'b' }]);
  });

  describe('prototype pollution', () => {
    const hostile = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "limit": 5, "nested": {"__proto__": {"polluted": "yes"}}}';

    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('leaves prototypes alone with an input class', async () => {
      await pipelineFor(LooseWorker, stores).run(hostile);

      expect(Object.getPrototypeOf(received)).toBe(LimitsInput.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((LimitsInput.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
      expect((received as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('drops the prototype keys from parsed JSON', async () => {
      await pipelineFor(RawWorker, stores).run(hostile);

      const input = received as Record<string, unknown>;
      expect(Object.keys(input)).toEqual(['limit', 'nested']);
      expect(Object.keys(input.nested as object)).toEqual([]);
      const merged = Object.assign({}, input, input.nested);
      expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('keeps a constructor field that holds plain data', async () => {
      await pipelineFor(RawWorker, stores).run('{"constructor": "Ferrari", "model": "F40"}');
      expect(received).toEqual({ constructor: 'Ferrari', model: 'F40' });
    });
  });

  it('fails with Worker.HandlerUnavailable when the worker cannot be created', async () => {
    @Worker('unregistered')
    class UnregisteredWorker {
      constructor(@Inject('settings') readonly settings: unknown) {}
      handle(): unknown {
        return {};
      }
    }

    const { logger } = captureLogs();
    const container = createApplicationContainer({ definitions: [], stores, logger, config: testConfig() });
    const definition = readWorkerDefinition(UnregisteredWorker);
    const pipeline = createTaskPipeline({ definition, container, stores, logger });

    const answer = await pipeline.run('{}', createTestContext(logger).context);
    expect(answer).toMatchObject({
      kind: 'failure',
      error: WorkerErrorCodes.handlerUnavailable,
      cause:
        'Creating worker UnregisteredWorker failed: Cannot inject the dependency "settings" at position #0 of "UnregisteredWorker" constructor. ' +
        'Reason:\n    Attempted to resolve unregistered dependency token: "settings"',
    });
  });
});
