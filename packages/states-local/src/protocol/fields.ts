import { Limits } from './limits';
import { lengthValidationError, ServiceError } from './service-error';

/** Parsed JSON body of a request. */
export type RequestBody = Record<string, unknown>;

interface StringFieldOptions {
  /** Maximum length in characters. */
  maxLength?: number;
  /** Minimum length in characters. @default 1 */
  minLength?: number;
}

/**
 * Reads a required string member, rejecting a missing value or a length
 * outside the model's constraints with `ValidationException`. `path` names
 * the member in messages when it sits inside a list, e.g. `localStores.0.name`.
 */
export function requireString(body: RequestBody, field: string, options: StringFieldOptions = {}, path = field): string {
  const value = body[field];

  if (value === undefined || value === null) {
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
    );
  }

  return checkString(value, path, options);
}

/** Reads an optional string member with the same checks as {@link requireString}. */
export function optionalString(body: RequestBody, field: string, options: StringFieldOptions = {}): string | undefined {
  const value = body[field];

  if (value === undefined || value === null) {
    return undefined;
  }

  return checkString(value, field, options);
}

/** Reads an optional integer member within `[min, max]`. */
export function optionalInteger(body: RequestBody, field: string, min: number, max: number): number | undefined {
  const value = body[field];

  if (value === undefined || value === null) {
    return undefined;
  }

  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ServiceError('SerializationException', `Field '${field}' must be an integer, got ${JSON.stringify(value)}.`);
  }

  if (value < min || value > max) {
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }

  return value;
}

/**
 * Checks that a task or execution payload is JSON of at most
 * {@link Limits.payloadBytes} bytes of UTF-8; `invalidCode` names the error
 * for text that is not JSON (`InvalidOutput`, `InvalidExecutionInput`).
 */
export function checkJsonPayload(text: string, field: string, invalidCode: string): void {
  if (Buffer.byteLength(text, 'utf8') > Limits.payloadBytes) {
    throw lengthValidationError(field, 'max', Limits.payloadBytes);
  }

  try {
    JSON.parse(text);
  } catch (error) {
    throw new ServiceError(invalidCode, `Invalid ${field}: ${(error as Error).message}`);
  }
}

function checkString(value: unknown, field: string, options: StringFieldOptions): string {
  if (typeof value !== 'string') {
    throw new ServiceError('SerializationException', `Field '${field}' must be a string, got ${typeof value}.`);
  }

  const minLength = options.minLength ?? 1;

  if (value.length < minLength) {
    throw lengthValidationError(field, 'min', minLength);
  }

  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw lengthValidationError(field, 'max', options.maxLength);
  }

  return value;
}
