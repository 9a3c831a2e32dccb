import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import type { WorkerDefinition } from '../workers/worker-definition';
import { describeValue } from '../workers/describe-value';
import { formatValidationErrors } from './format-validation-errors';

/** The handler's input, or the lines that say why the task input is invalid. @internal */
export type BuiltInput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Turns parsed task input into the worker's `@Input` instance with
 * class-transformer, then validates it with class-validator: unknown
 * properties are stripped (`whitelist`, on by default) or rejected
 * (`forbidNonWhitelisted`), and nested objects are validated when their
 * property has `@ValidateNested()` and `@Type(() => Child)`. Without `@Input`
 * the parsed value is returned as is.
 *
 * @internal
 */
export async function buildInput(definition: WorkerDefinition, parsed: unknown): Promise<BuiltInput> {
  const { inputClass, options } = definition;
  if (inputClass === undefined) {
    return { ok: true, value: parsed };
  }

  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      problems: [`- (root): expected a JSON object for ${inputClass.name}, got ${parsed === null ? 'null' : describeValue(parsed)}`],
    };
  }

  const instance = plainToInstance(inputClass, parsed, {
    enableImplicitConversion: options.enableImplicitConversion ?? false,
  }) as object;

  const whitelist = options.whitelist ?? true;
  const errors = await validate(instance, {
    whitelist,
    forbidNonWhitelisted: whitelist && (options.forbidNonWhitelisted ?? false),
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });

  if (errors.length > 0) {
    return { ok: false, problems: formatValidationErrors(errors) };
  }

  return { ok: true, value: instance };
}
