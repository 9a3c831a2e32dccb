import { Input, StoreRef, TaskFailure, Worker, type DbStore } from '@bevault-workers/core';
import { IsInt, IsOptional, IsString } from 'class-validator';

export class EquivalenceInput {
  @IsString()
  case!: string;

  @IsOptional()
  @IsInt()
  count?: number;

  @IsOptional()
  @StoreRef('database')
  target?: DbStore;
}

class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Returns or throws, depending on `input.case`, each kind of value the result mapping handles. */
@Worker('equivalence')
@Input(EquivalenceInput)
export class EquivalenceWorker {
  async handle(input: EquivalenceInput): Promise<unknown> {
    switch (input.case) {
      case 'object':
        return { rows: input.count ?? 3, table: 'orders' };
      case 'string':
        return 'done';
      case 'undefined':
        return undefined;
      case 'unicode':
        return { text: 'héllo ✓ 𝄞' };
      case 'store':
        return { store: input.target?.name, kind: input.target?.kind };
      case 'task-failure':
        throw new TaskFailure('Load.Failed', 'Table orders is missing.');
      case 'type-error':
        throw new TypeError('Cannot read properties of undefined (reading "rows")');
      case 'custom-error':
        throw new CsvFormatError('Line 3 has 4 fields, expected 5.');
      case 'throw-string':
        throw 'a plain string';
      case 'throw-object':
        throw { code: 1, reason: 'not an Error' };
      case 'long-cause':
        throw new Error('x'.repeat(40_000));
      case 'oversized':
        return 'y'.repeat(300 * 1024);
      case 'bigint':
        return { total: 10n };
      case 'cycle': {
        const node: Record<string, unknown> = { name: 'root' };
        node.self = node;
        return node;
      }
      case 'dict-error':
        return { status: 'error', error_message: 'Rows 4 and 9 are invalid.' };
      case 'dict-error-object':
        return { status: 'error', error_message: { rows: [4, 9] } };
      case 'dict-error-bare':
        return { status: 'error' };
      case 'dict-canceled':
        return { status: 'canceled' };
      case 'dict-ok':
        return { status: 'ok', rows: 1 };
      default:
        throw new TaskFailure('Equivalence.UnknownCase', `Unknown case ${input.case}.`);
    }
  }
}
