import 'reflect-metadata';
import { SqliteStore, StoreRegistry, type DbStore } from '@bevault-workers/stores';
import { container as globalContainer } from 'tsyringe';
import type { Logger } from 'winston';
import { afterEach, describe, expect, it } from 'vitest';

import {
  DependencyResolutionError,
  Inject,
  InjectStore,
  Injectable,
  STORE_REGISTRY,
  WORKER_CONFIG,
  WORKER_LOGGER,
  Worker,
  createApplicationContainer,
  readWorkerDefinitions,
  type Constructor,
  type Provider,
  type WorkerRuntimeConfig,
} from '../../src/index';
import { catchError } from '../helpers/catch-error';
import { captureLogs } from '../helpers/log-capture';
import { testConfig } from '../helpers/runtime-config';
import { createTestStores } from '../helpers/stores';
import { useTempDirs } from '../helpers/temp-dirs';

interface Clock {
  now(): number;
}

@Injectable()
class Parser {
  static created = 0;
  constructor() {
    Parser.created += 1;
  }
}

@Injectable()
class ImportService {
  constructor(readonly parser: Parser) {}
}

describe(createApplicationContainer.name, () => {
  const tempDir = useTempDirs();
  const registries: StoreRegistry[] = [];
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((registry) => registry.close()));
  });

  function build(workers: Constructor[], providers: Provider[] = []) {
    const stores = createTestStores(tempDir());
    registries.push(stores);
    const { logger } = captureLogs();
    const config = testConfig();
    const definitions = readWorkerDefinitions(workers);
    const container = createApplicationContainer({ definitions, providers, stores, logger, config });
    return { container, stores, logger, config };
  }

  function resolutionError(workers: Constructor[], providers: Provider[] = []): DependencyResolutionError {
    return catchError(() => build(workers, providers), DependencyResolutionError);
  }

  describe('when every dependency is registered', () => {
    it('injects class, value, factory, useClass and useExisting providers', () => {
      class SystemClock implements Clock {
        now(): number {
          return 42;
        }
      }

      @Worker('wired')
      class WiredWorker {
        constructor(
          readonly service: ImportService,
          @Inject('clock') readonly clock: Clock,
          @Inject('limits') readonly limits: { maxRows: number },
          @Inject('alias') readonly alias: Clock,
          @Inject('rows') readonly rows: number,
        ) {}
        handle(): void {}
      }

      let factoryCalls = 0;
      const { container } = build(
        [WiredWorker],
        [
          ImportService,
          { provide: 'clock', useClass: SystemClock },
          { provide: 'alias', useExisting: 'clock' },
          { provide: 'rows', useValue: 1000 },
          {
            provide: 'limits',
            useFactory: (rows: number) => {
              factoryCalls += 1;
              return { maxRows: rows };
            },
            inject: ['rows'],
          },
        ],
      );

      const worker = container.resolve(WiredWorker);
      expect(worker.service.parser).toBeInstanceOf(Parser);
      expect(worker.clock.now()).toBe(42);
      expect(worker.alias).toBe(worker.clock);
      expect(worker.limits).toEqual({ maxRows: 1000 });
      expect(worker.rows).toBe(1000);
      container.resolve<{ maxRows: number }>('limits');
      expect(factoryCalls).toBe(1);
    });

    it('injects the logger, the config and the store registry', () => {
      @Worker('framework_values')
      class FrameworkWorker {
        constructor(
          @Inject(WORKER_LOGGER) readonly logger: Logger,
          @Inject(WORKER_CONFIG) readonly config: WorkerRuntimeConfig,
          @Inject(STORE_REGISTRY) readonly byToken: StoreRegistry,
          readonly byType: StoreRegistry,
        ) {}
        handle(): void {}
      }

      const { container, logger, config, stores } = build([FrameworkWorker]);
      const worker = container.resolve(FrameworkWorker);

      expect(worker.logger).toBe(logger);
      expect(worker.config).toBe(config);
      expect(worker.byToken).toBe(stores);
      expect(worker.byType).toBe(stores);
    });

    it('creates workers and providers once per application', () => {
      @Worker('first')
      class FirstWorker {
        constructor(readonly service: ImportService) {}
        handle(): void {}
      }
      @Worker('second')
      class SecondWorker {
        constructor(readonly service: ImportService) {}
        handle(): void {}
      }

      const { container } = build([FirstWorker, SecondWorker], [ImportService]);

      expect(container.resolve(FirstWorker)).toBe(container.resolve(FirstWorker));
      expect(container.resolve(FirstWorker).service).toBe(container.resolve(SecondWorker).service);
    });

    it('registers an @Injectable class that is not listed as a singleton', () => {
      @Worker('implicit')
      class ImplicitWorker {
        constructor(
          readonly service: ImportService,
          readonly parser: Parser,
        ) {}
        handle(): void {}
      }

      const { container } = build([ImplicitWorker]);
      const worker = container.resolve(ImplicitWorker);
      expect(worker.service.parser).toBe(worker.parser);
    });

    it('keeps two applications apart', () => {
      @Worker('isolated')
      class IsolatedWorker {
        constructor(readonly parser: Parser) {}
        handle(): void {}
      }

      const first = build([IsolatedWorker]).container;
      const second = build([IsolatedWorker]).container;

      expect(first.resolve(IsolatedWorker)).not.toBe(second.resolve(IsolatedWorker));
      expect(first.resolve(Parser)).not.toBe(second.resolve(Parser));
    });

    it('ignores registrations of the global tsyringe container', () => {
      globalContainer.register('global-only', { useValue: 'leaked' });
      @Worker('global_check')
      class GlobalCheckWorker {
        constructor(@Inject('global-only') readonly value: string) {}
        handle(): void {}
      }

      try {
        expect(resolutionError([GlobalCheckWorker]).message).toContain("'global-only' is not registered.");
      } finally {
        globalContainer.reset();
      }
    });

    it('creates each worker before returning', () => {
      let created = 0;
      @Worker('eager')
      class EagerWorker {
        constructor() {
          created += 1;
        }
        handle(): void {}
      }

      build([EagerWorker]);
      expect(created).toBe(1);
    });
  });

  describe('store injection', () => {
    it('injects a store by name, ignoring case', async () => {
      @Worker('store_user')
      class StoreUserWorker {
        constructor(@InjectStore('WAREHOUSE') readonly warehouse: DbStore) {}
        handle(): void {}
      }

      const { container } = build([StoreUserWorker]);
      const { warehouse } = container.resolve(StoreUserWorker);

      expect(warehouse).toBeInstanceOf(SqliteStore);
      expect(warehouse.name).toBe('Warehouse');
      expect(warehouse.kind).toBe('database');
      await warehouse.execute('create table items (id integer)');
      await warehouse.execute('insert into items (id) values (?), (?)', [1, 2]);
      expect(await warehouse.query('select count(*) as total from items')).toEqual([{ total: 2 }]);
    });

    it('shares one injected store between classes', () => {
      @Injectable()
      class Repository {
        constructor(@InjectStore('warehouse') readonly store: DbStore) {}
      }
      @Worker('shared_store')
      class SharedStoreWorker {
        constructor(
          @InjectStore('Warehouse') readonly store: DbStore,
          readonly repository: Repository,
        ) {}
        handle(): void {}
      }

      const worker = build([SharedStoreWorker]).container.resolve(SharedStoreWorker);
      expect(worker.store).toBe(worker.repository.store);
    });

    it('rejects a store that is not defined, listing the defined ones', () => {
      @Worker('missing_store')
      class MissingStoreWorker {
        constructor(
          readonly parser: Parser,
          @InjectStore('archive') readonly archive: DbStore,
        ) {}
        handle(): void {}
      }

      const error = resolutionError([MissingStoreWorker]);
      expect(error.message).toBe(
        "Cannot resolve parameter 1 of MissingStoreWorker(Parser, ?): store 'archive' is not defined (defined stores: 'Broken', 'Landing', 'Warehouse'). " +
          'Define it in config.json, the STORE_CONFIG environment variable or States; names match case-insensitively.',
      );
      expect(error.problems).toEqual([{ className: 'MissingStoreWorker', parameterIndex: 1, token: "store 'archive'", message: error.message }]);
    });

    it('injects a store of the requested kind', () => {
      @Worker('kind_checked')
      class KindCheckedWorker {
        constructor(
          @InjectStore('warehouse', { kind: 'database' }) readonly warehouse: DbStore,
          @InjectStore('landing', { kind: 'file' }) readonly landing: object,
        ) {}
        handle(): void {}
      }

      const worker = build([KindCheckedWorker]).container.resolve(KindCheckedWorker);

      expect(worker.warehouse.kind).toBe('database');
    });

    it('rejects a store of another kind, naming both kinds', () => {
      @Worker('wrong_kind')
      class WrongKindWorker {
        constructor(
          readonly parser: Parser,
          @InjectStore('Landing', { kind: 'database' }) readonly warehouse: DbStore,
        ) {}
        handle(): void {}
      }

      const error = resolutionError([WrongKindWorker]);

      expect(error.message).toBe(
        "Cannot resolve parameter 1 of WrongKindWorker(Parser, ?): @InjectStore asks for a database store, but store 'Landing' is a file store (type file). " +
          "Inject a database store, or change the kind option of @InjectStore and the parameter's type to match the store.",
      );
      expect(error.problems).toEqual([{ className: 'WrongKindWorker', parameterIndex: 1, token: "store 'landing'", message: error.message }]);
    });

    it('rejects a store whose definition could not be built, with the reason', () => {
      @Worker('broken_store')
      class BrokenStoreWorker {
        constructor(@InjectStore('broken') readonly broken: DbStore) {}
        handle(): void {}
      }

      const stores = createTestStores(tempDir());
      registries.push(stores);
      const reason = stores.failures().get('Broken');
      const error = resolutionError([BrokenStoreWorker]);

      expect(error.message).toBe(
        `Cannot resolve parameter 0 of BrokenStoreWorker(?): store 'broken' could not be built: ${reason} Fix its definition; the other stores keep working.`,
      );
    });
  });

  describe('when a dependency cannot be resolved', () => {
    it('names the class, the parameter, the token and the fix for an unlisted class', () => {
      class Mailer {
        constructor(readonly host: string) {}
      }
      @Worker('mailer_user')
      class MailerUserWorker {
        constructor(
          readonly parser: Parser,
          readonly mailer: Mailer,
        ) {}
        handle(): void {}
      }

      expect(resolutionError([MailerUserWorker]).message).toBe(
        'Cannot resolve parameter 1 of MailerUserWorker(Parser, ?): Mailer is not registered. ' +
          'Add Mailer to the providers of the application, or decorate the class Mailer with @Injectable().',
      );
    });

    it('explains an interface-typed parameter', () => {
      @Worker('interface_user')
      class InterfaceUserWorker {
        constructor(readonly clock: Clock) {}
        handle(): void {}
      }

      expect(resolutionError([InterfaceUserWorker]).message).toBe(
        'Cannot resolve parameter 0 of InterfaceUserWorker(?): its type is emitted as Object (an interface, a type alias, a union or a primitive), ' +
          "which cannot be injected by type. Add @Inject(TOKEN) with a token registered in the providers, or @InjectStore('name') for a store.",
      );
    });

    it('explains an unregistered string token', () => {
      @Worker('token_user')
      class TokenUserWorker {
        constructor(@Inject('clock') readonly clock: Clock) {}
        handle(): void {}
      }

      expect(resolutionError([TokenUserWorker]).message).toBe(
        "Cannot resolve parameter 0 of TokenUserWorker(?): 'clock' is not registered. " +
          "Add { provide: 'clock', useValue: ... } (or useClass, useFactory) to the providers of the application.",
      );
    });

    it('explains a type that is undefined at run time', () => {
      @Worker('cyclic_import')
      class CyclicImportWorker {
        constructor(readonly later: unknown) {}
        handle(): void {}
      }
      // What TypeScript emits when the parameter's class is not yet defined because of a circular import.
      Reflect.defineMetadata('design:paramtypes', [undefined], CyclicImportWorker);

      expect(resolutionError([CyclicImportWorker]).message).toBe(
        'Cannot resolve parameter 0 of CyclicImportWorker(?): its type is undefined at run time. This happens with a circular import, ' +
          'or when the class was imported with "import type": import it as a value, or break the cycle with @Inject(delay(() => TheClass)) from tsyringe.',
      );
    });

    it('shows the path to a provider that cannot be resolved', () => {
      @Injectable()
      class Reporter {
        constructor(@Inject('smtp') readonly smtp: unknown) {}
      }
      @Injectable()
      class Notifier {
        constructor(readonly reporter: Reporter) {}
      }
      @Worker('notifying')
      class NotifyingWorker {
        constructor(readonly notifier: Notifier) {}
        handle(): void {}
      }

      expect(resolutionError([NotifyingWorker]).message).toBe(
        "Cannot resolve parameter 0 of Reporter(?) (required by NotifyingWorker → Notifier → Reporter): 'smtp' is not registered. " +
          "Add { provide: 'smtp', useValue: ... } (or useClass, useFactory) to the providers of the application.",
      );
    });

    it('rejects a provider class with parameters but no @Injectable', () => {
      class Unmarked {
        constructor(readonly parser: Parser) {}
      }
      Reflect.defineMetadata('design:paramtypes', [Parser], Unmarked);
      @Worker('unmarked_user')
      class UnmarkedUserWorker {
        constructor(readonly unmarked: Unmarked) {}
        handle(): void {}
      }

      expect(resolutionError([UnmarkedUserWorker], [Unmarked]).message).toBe(
        'Class Unmarked has constructor parameters but no @Injectable() decorator. Add @Injectable() from @bevault-workers/core to the class.',
      );
    });

    it('rejects a provider class without type metadata', () => {
      class NoMetadata {
        constructor(readonly value: string) {}
      }

      expect(resolutionError([], [NoMetadata]).message).toBe(
        'Class NoMetadata has 1 constructor parameter(s) but no type metadata. ' +
          'Decorate it with @Injectable() (or @Worker for a worker) and compile with "emitDecoratorMetadata": true.',
      );
    });

    it('reports a circular dependency', () => {
      @Injectable()
      class First {
        constructor(@Inject('second') readonly second: unknown) {}
      }
      @Injectable()
      class Second {
        constructor(readonly first: First) {}
      }
      @Worker('circular')
      class CircularWorker {
        constructor(readonly first: First) {}
        handle(): void {}
      }

      expect(resolutionError([CircularWorker], [{ provide: 'second', useClass: Second }]).message).toBe(
        'Circular dependency: First → Second → First. Break the cycle, for example by injecting with @Inject(delay(() => First)) from tsyringe.',
      );
    });

    it('lists every problem', () => {
      @Worker('many_problems')
      class ManyProblemsWorker {
        constructor(
          @Inject('a') readonly a: unknown,
          @InjectStore('nowhere') readonly store: unknown,
        ) {}
        handle(): void {}
      }

      const error = resolutionError([ManyProblemsWorker]);
      expect(error.problems.map((problem) => [problem.parameterIndex, problem.token])).toEqual([
        [0, "'a'"],
        [1, "store 'nowhere'"],
      ]);
      expect(error.message.split('\n')).toEqual([
        '2 dependency problems prevent the application from starting:',
        `1. ${error.problems[0].message}`,
        `2. ${error.problems[1].message}`,
      ]);
    });

    it('checks the tokens of factory providers and aliases', () => {
      const error = resolutionError(
        [],
        [
          { provide: 'report', useFactory: () => 1, inject: ['missing'] },
          { provide: 'alias', useExisting: 'nothing' },
        ],
      );

      expect(error.problems.map((problem) => problem.message)).toEqual([
        "Cannot resolve inject[0] of the factory provider for 'report': 'missing' is not registered. " +
          "Add { provide: 'missing', useValue: ... } (or useClass, useFactory) to the providers of the application.",
        "The provider 'alias' uses the existing 'nothing', which is not registered. " +
          "Add { provide: 'nothing', useValue: ... } (or useClass, useFactory) to the providers of the application.",
      ]);
    });

    it('rejects a provider of an unknown shape', () => {
      expect(resolutionError([], [{ provide: 'x', useSomething: 1 } as never]).message).toBe(
        "providers[0] for 'x' is an object of an unknown shape. " +
          'Pass a class, or { provide: token, useValue | useClass | useFactory | useExisting } where the token is a class, a string or a symbol.',
      );
    });

    it('reports a worker constructor that throws', () => {
      @Worker('throwing')
      class ThrowingWorker {
        constructor() {
          throw new Error('missing API key');
        }
        handle(): void {}
      }

      const error = resolutionError([ThrowingWorker]);
      expect(error.message).toBe("Creating worker ThrowingWorker (@Worker('throwing')) failed: missing API key");
      expect((error.cause as Error).message).toBe('missing API key');
    });
  });
});
