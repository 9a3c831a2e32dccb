import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';

import { getInputMetadata } from '../../src/decorators/input.decorator';
import { getInjectedStores } from '../../src/decorators/inject-store.decorator';
import { isInjectableClass } from '../../src/decorators/injectable.decorator';
import { getStoreRefs } from '../../src/decorators/store-ref.decorator';
import { getWorkerMetadata } from '../../src/decorators/worker.decorator';
import { FileTokenRef, Injectable, Input, InjectStore, StoreRef, Worker, storeToken } from '../../src/index';

class ImportInput {
  @IsString() table!: string;
}

class Parser {}

describe('decorators', () => {
  describe(Worker.name, () => {
    it('records the name and the options as given', () => {
      @Worker('csv_import', { concurrency: 4, heartbeatSeconds: 10 })
      class CsvImportWorker {
        handle(): void {}
      }

      expect(getWorkerMetadata(CsvImportWorker)).toEqual({ name: 'csv_import', options: { concurrency: 4, heartbeatSeconds: 10 } });
    });

    it('leaves subclasses without their own @Worker undeclared', () => {
      @Worker('base')
      class BaseWorker {
        handle(): void {}
      }
      class DerivedWorker extends BaseWorker {}

      expect(getWorkerMetadata(DerivedWorker)).toBeUndefined();
    });

    it('makes the class injectable', () => {
      @Worker('injectable_check')
      class SomeWorker {
        handle(): void {}
      }

      expect(isInjectableClass(SomeWorker)).toBe(true);
    });
  });

  describe(Input.name, () => {
    it('records the input class', () => {
      @Input(ImportInput)
      class SomeWorker {}

      expect(getInputMetadata(SomeWorker)).toEqual({ inputClass: ImportInput });
    });

    it('records a value that is not a class for the definition reader to reject', () => {
      @Input(undefined as unknown as typeof ImportInput)
      class SomeWorker {}

      expect(getInputMetadata(SomeWorker)).toEqual({ inputClass: undefined });
    });
  });

  describe(InjectStore.name, () => {
    it('records the store name by parameter index and sets the injection token', () => {
      @Injectable()
      class Copier {
        constructor(
          readonly parser: Parser,
          @InjectStore('Warehouse') readonly warehouse: object,
          @InjectStore('landing', { kind: 'file' }) readonly landing: object,
        ) {}
      }

      expect(getInjectedStores(Copier)).toEqual({ 1: { name: 'Warehouse', kind: 'any' }, 2: { name: 'landing', kind: 'file' } });
      const tokens = Reflect.getOwnMetadata('injectionTokens', Copier) as Record<number, { token: unknown }>;
      expect(tokens[1].token).toBe(storeToken('warehouse'));
    });

    it('rejects an unknown kind', () => {
      expect(() => InjectStore('warehouse', { kind: 'table' as never })).toThrow(
        new TypeError(`@InjectStore('warehouse') has an invalid kind "table"; use 'database', 'file' or 'any'.`),
      );
    });

    it('rejects method parameters', () => {
      expect(() => {
        class Service {
          run(@InjectStore('Warehouse') _store: object): void {}
        }
        return Service;
      }).toThrow(new TypeError("@InjectStore('Warehouse') is on a parameter of method run; it applies to constructor parameters only."));
    });
  });

  describe(storeToken.name, () => {
    it('ignores the case of the store name', () => {
      expect(storeToken('Warehouse')).toBe(storeToken('WAREHOUSE'));
      expect(storeToken('Warehouse')).toBe('bevault:store:warehouse');
    });
  });

  describe(StoreRef.name, () => {
    it('records store and file token properties, inherited ones included', () => {
      class BaseInput {
        @StoreRef('database') source!: unknown;
      }
      class CopyInput extends BaseInput {
        @StoreRef() target!: unknown;
        @FileTokenRef() file!: unknown;
      }

      expect(getStoreRefs(CopyInput.prototype)).toEqual([
        { property: 'source', resolve: { kind: 'store', storeKind: 'database' } },
        { property: 'target', resolve: { kind: 'store', storeKind: 'any' } },
        { property: 'file', resolve: { kind: 'file-token' } },
      ]);
      expect(getStoreRefs(BaseInput.prototype)).toEqual([{ property: 'source', resolve: { kind: 'store', storeKind: 'database' } }]);
    });
  });

  describe(Injectable.name, () => {
    it('marks only the decorated class', () => {
      @Injectable()
      class Service {}
      class Plain {}

      expect(isInjectableClass(Service)).toBe(true);
      expect(isInjectableClass(Plain)).toBe(false);
    });
  });
});
