import { getMetadataStorage } from 'class-validator';

import { getInputMetadata } from '../decorators/input.decorator';
import { getWorkerMetadata } from '../decorators/worker.decorator';
import { WorkerDefinitionError } from '../errors/worker-definition-error';
import { activityNameRule, isValidActivityName } from './activity-name-rules';
import type { Constructor } from './constructor';
import { describeValue, isClass } from './describe-value';
import type { WorkerDefinition, WorkerHandlerInstance } from './worker-definition';
import { workerOptionNames, type WorkerOptions } from './worker-options';

const booleanOptions = ['whitelist', 'forbidNonWhitelisted', 'enableImplicitConversion'] as const;

/**
 * Reads and checks the `@Worker` and `@Input` metadata of one class.
 *
 * @throws {@link WorkerDefinitionError} when the value is not a class, has no
 *   `@Worker`, has an invalid activity name or option, has no `handle` method,
 *   or has an `@Input` that is not a class.
 * @public
 */
export function readWorkerDefinition(workerClass: unknown): WorkerDefinition {
  if (!isClass(workerClass)) {
    throw new WorkerDefinitionError(
      `Expected a worker class, got ${describeValue(workerClass)}. Pass the class itself, for example workers: [CsvImportWorker].`,
    );
  }

  const className = workerClass.name || '(anonymous class)';
  const worker = getWorkerMetadata(workerClass);
  if (worker === undefined) {
    throw new WorkerDefinitionError(
      `Class ${className} has no @Worker decorator. Add @Worker('activity_name') to the class, or remove it from the workers.`,
      { className },
    );
  }

  const name = checkName(className, worker.name);
  const options = checkOptions(className, name, worker.options);

  if (typeof (workerClass.prototype as Partial<WorkerHandlerInstance>).handle !== 'function') {
    throw new WorkerDefinitionError(
      `Class ${className} (@Worker('${name}')) has no handle method. Add "async handle(input, task) { ... }", whose return value becomes the task output.`,
      { className },
    );
  }

  const inputClass = checkInputClass(className, getInputMetadata(workerClass));
  if (inputClass !== undefined && options.whitelist !== false && !hasValidationRules(inputClass)) {
    throw new WorkerDefinitionError(
      `Input class ${inputClass.name} of ${className} has no class-validator decorator, so the whitelist would strip every input property. ` +
        "Decorate its properties (@IsString(), @IsInt()...), or set @Worker('" +
        name +
        "', { whitelist: false }) to keep them unchecked.",
      { className },
    );
  }

  return {
    workerClass: workerClass as unknown as Constructor<WorkerHandlerInstance>,
    name,
    options,
    inputClass,
  };
}

/**
 * Reads and checks the metadata of every class, in order. A class listed twice
 * is read once.
 *
 * @throws {@link WorkerDefinitionError} for the first invalid class, or when two
 *   classes declare the same activity name.
 * @public
 */
export function readWorkerDefinitions(workerClasses: Iterable<unknown>): WorkerDefinition[] {
  const definitions: WorkerDefinition[] = [];
  const byName = new Map<string, WorkerDefinition>();

  for (const workerClass of new Set(workerClasses)) {
    const definition = readWorkerDefinition(workerClass);

    const existing = byName.get(definition.name);
    if (existing !== undefined) {
      throw new WorkerDefinitionError(
        `Classes ${existing.workerClass.name} and ${definition.workerClass.name} both declare @Worker('${definition.name}'). ` +
          'Activity names must be unique within an application: rename one of them.',
        { className: definition.workerClass.name },
      );
    }

    byName.set(definition.name, definition);
    definitions.push(definition);
  }

  return definitions;
}

function checkName(className: string, name: unknown): string {
  if (typeof name !== 'string' || !isValidActivityName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name) : describeValue(name);
    throw new WorkerDefinitionError(
      `Class ${className} declares @Worker(${shown}), which is not a valid activity name. Use ${activityNameRule}.`,
      { className },
    );
  }

  return name;
}

function checkOptions(className: string, name: string, options: unknown): WorkerOptions {
  if (options === undefined) {
    return {};
  }

  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new WorkerDefinitionError(
      `Class ${className} passes ${describeValue(options)} as @Worker('${name}') options; expected an object such as { concurrency: 4 }.`,
      { className },
    );
  }

  for (const key of Object.keys(options)) {
    if (!(workerOptionNames as readonly string[]).includes(key)) {
      throw new WorkerDefinitionError(
        `Class ${className} sets the unknown @Worker option "${key}". Known options: ${workerOptionNames.join(', ')}.`,
        { className },
      );
    }
  }

  for (const key of booleanOptions) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new WorkerDefinitionError(
        `Class ${className} sets the @Worker option ${key} to ${typeof value === 'string' ? JSON.stringify(value) : describeValue(value)}; expected true or false.`,
        { className },
      );
    }
  }

  return { ...(options as WorkerOptions) };
}

function hasValidationRules(inputClass: Constructor<object>): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(inputClass, '', true, false).length > 0;
}

function checkInputClass(className: string, input: { readonly inputClass: unknown } | undefined): Constructor<object> | undefined {
  if (input === undefined) {
    return undefined;
  }

  if (!isClass(input.inputClass)) {
    throw new WorkerDefinitionError(
      `Class ${className} has @Input(${describeValue(input.inputClass)}), which is not a class. ` +
        'Pass the input class itself, @Input(MyInput), and import it as a value: "import type" leaves undefined at run time.',
      { className },
    );
  }

  return input.inputClass as unknown as Constructor<object>;
}
