import { ValidateBy, type ValidationOptions } from 'class-validator';
import { COLUMN_TYPES } from '../csv/column-type';

/**
 * SQL identifier accepted for a table: letters, digits and `_`, not starting
 * with a digit, optionally prefixed by a schema (`staging.airports`).
 */
export const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

/** Checks that a property is an object mapping column names to {@link COLUMN_TYPES}. */
export function IsColumnTypeMap(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isColumnTypeMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((type) => (COLUMN_TYPES as readonly unknown[]).includes(type)),
        defaultMessage: () => `$property must map column names to one of: ${COLUMN_TYPES.join(', ')}`,
      },
    },
    validationOptions,
  );
}

/** Checks that a property is a JSON array or object of query bindings. */
export function IsQueryBindings(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isQueryBindings',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null,
        defaultMessage: () => '$property must be an array (for ? placeholders) or an object (for :name placeholders)',
      },
    },
    validationOptions,
  );
}
