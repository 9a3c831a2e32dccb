import { Limits } from './limits';
import { lengthValidationError, ServiceError } from './service-error';

/**
 * Characters that Step Functions rejects in activity, state machine and
 * execution names: whitespace, brackets, wildcards, the punctuation
 * `" # % \ ^ | ~ ` $ & , ; : /` and control characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are among the forbidden ones
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/**
 * Checks a resource name against the Step Functions rules: a length
 * outside 1-80 is a `ValidationException`, a forbidden character an
 * `InvalidName` error.
 */
export function checkResourceName(name: string, field = 'name'): void {
  if (name.length < 1) {
    throw lengthValidationError(field, 'min', 1);
  }

  if (name.length > Limits.nameLength) {
    throw lengthValidationError(field, 'max', Limits.nameLength);
  }

  if (FORBIDDEN_NAME_CHARACTERS.test(name)) {
    throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
  }
}

/**
 * Tells whether a name follows the Step Functions rules, without throwing.
 */
export function isValidResourceName(name: string): boolean {
  return name.length >= 1 && name.length <= Limits.nameLength && !FORBIDDEN_NAME_CHARACTERS.test(name);
}
