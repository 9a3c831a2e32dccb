import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describe, expect, it } from 'vitest';

import { Input, Worker, WorkerDefinitionError, readWorkerDefinition, readWorkerDefinitions } from '../../src/index';
import { catchError } from '../helpers/catch-error';

class ImportInput {
  @IsString() table!: string;
}

@Worker('csv_import', { concurrency: 2 })
@Input(ImportInput)
class CsvImportWorker {
  handle(): void {}
}

@Worker('plain')
class PlainWorker {
  handle(): void {}
}

function definitionError(read: () => unknown): WorkerDefinitionError {
  return catchError(read, WorkerDefinitionError);
}

describe(readWorkerDefinition.name, () => {
  it('reads name, options and input class', () => {
    expect(readWorkerDefinition(CsvImportWorker)).toEqual({
      workerClass: CsvImportWorker,
      name: 'csv_import',
      options: { concurrency: 2 },
      inputClass: ImportInput,
    });
  });

  it('reads a worker without options or input', () => {
    expect(readWorkerDefinition(PlainWorker)).toEqual({ workerClass: PlainWorker, name: 'plain', options: {}, inputClass: undefined });
  });

  it('accepts a handle method inherited from a base class', () => {
    class Base {
      handle(): void {}
    }
    @Worker('derived')
    class Derived extends Base {}

    expect(readWorkerDefinition(Derived).name).toBe('derived');
  });

  describe('when the definition is wrong', () => {
    it('rejects a value that is not a class', () => {
      const error = definitionError(() => readWorkerDefinition(() => undefined));
      expect(error.message).toBe('Expected a worker class, got function (anonymous). Pass the class itself, for example workers: [CsvImportWorker].');
      expect(error.className).toBeUndefined();
    });

    it('rejects undefined, as left by an import type', () => {
      expect(definitionError(() => readWorkerDefinition(undefined)).message).toBe(
        'Expected a worker class, got undefined. Pass the class itself, for example workers: [CsvImportWorker].',
      );
    });

    it('rejects a class without @Worker', () => {
      class Helper {
        handle(): void {}
      }

      const error = definitionError(() => readWorkerDefinition(Helper));
      expect(error.message).toBe("Class Helper has no @Worker decorator. Add @Worker('activity_name') to the class, or remove it from the workers.");
      expect(error.className).toBe('Helper');
    });

    it('rejects a class without handle', () => {
      @Worker('no_handle')
      class NoHandle {}

      expect(definitionError(() => readWorkerDefinition(NoHandle)).message).toBe(
        `Class NoHandle (@Worker('no_handle')) has no handle method. Add "async handle(input, task) { ... }", whose return value becomes the task output.`,
      );
    });

    it('rejects an @Input that is not a class', () => {
      @Worker('bad_input')
      @Input(undefined as unknown as typeof ImportInput)
      class BadInput {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(BadInput)).message).toBe(
        'Class BadInput has @Input(undefined), which is not a class. Pass the input class itself, @Input(MyInput), ' +
          'and import it as a value: "import type" leaves undefined at run time.',
      );
    });

    it('rejects an @Input given an arrow function', () => {
      @Worker('arrow_input')
      @Input((() => ImportInput) as unknown as typeof ImportInput)
      class ArrowInput {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(ArrowInput)).message).toContain('has @Input(function (anonymous)), which is not a class.');
    });

    it.each([
      ['', '""'],
      ['has space', '"has space"'],
      ['a'.repeat(81), `"${'a'.repeat(81)}"`],
      ['semi;colon', '"semi;colon"'],
    ])('rejects the activity name %j', (name, shown) => {
      @Worker(name)
      class Named {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(Named)).message).toBe(
        `Class Named declares @Worker(${shown}), which is not a valid activity name. Use 1 to 80 characters without white space, brackets, ` +
          'wildcards, control characters or any of " # % \\ ^ | ~ ` $ & , ; : /.',
      );
    });

    it('rejects an input class without validation rules', () => {
      class BareInput {
        table!: string;
      }
      @Worker('bare')
      @Input(BareInput)
      class BareWorker {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(BareWorker)).message).toBe(
        'Input class BareInput of BareWorker has no class-validator decorator, so the whitelist would strip every input property. ' +
          "Decorate its properties (@IsString(), @IsInt()...), or set @Worker('bare', { whitelist: false }) to keep them unchecked.",
      );
    });

    it('accepts an input class without validation rules when whitelist is off', () => {
      class BareInput {
        table!: string;
      }
      @Worker('bare_loose', { whitelist: false })
      @Input(BareInput)
      class BareWorker {
        handle(): void {}
      }

      expect(readWorkerDefinition(BareWorker).inputClass).toBe(BareInput);
    });

    it('rejects an unknown option', () => {
      @Worker('typo', { concurency: 3 } as never)
      class Typo {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(Typo)).message).toBe(
        'Class Typo sets the unknown @Worker option "concurency". ' +
          'Known options: concurrency, heartbeatSeconds, maxPollers, whitelist, forbidNonWhitelisted, enableImplicitConversion.',
      );
    });

    it('rejects a boolean option that is not a boolean', () => {
      @Worker('flag', { whitelist: 'yes' } as never)
      class Flag {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(Flag)).message).toBe('Class Flag sets the @Worker option whitelist to "yes"; expected true or false.');
    });

    it('rejects options that are not an object', () => {
      @Worker('options', 4 as never)
      class Options {
        handle(): void {}
      }

      expect(definitionError(() => readWorkerDefinition(Options)).message).toBe(
        "Class Options passes number as @Worker('options') options; expected an object such as { concurrency: 4 }.",
      );
    });
  });
});

describe(readWorkerDefinitions.name, () => {
  it('reads every class once, in order', () => {
    const definitions = readWorkerDefinitions([CsvImportWorker, PlainWorker, CsvImportWorker]);
    expect(definitions.map((definition) => definition.name)).toEqual(['csv_import', 'plain']);
  });

  it('rejects two classes with one activity name', () => {
    @Worker('csv_import')
    class OtherImportWorker {
      handle(): void {}
    }

    const error = definitionError(() => readWorkerDefinitions([CsvImportWorker, OtherImportWorker]));
    expect(error.message).toBe(
      "Classes CsvImportWorker and OtherImportWorker both declare @Worker('csv_import'). Activity names must be unique within an application: rename one of them.",
    );
    expect(error.className).toBe('OtherImportWorker');
  });
});
