import { randomBytes } from 'node:crypto';

import { Limits } from '../protocol/limits';
import { lengthValidationError, ServiceError } from '../protocol/service-error';

const TOKEN_PREFIX = 'SL1';
const TOKEN_PATTERN = /^SL1[A-Za-z0-9_-]{64}$/;

/** Creates an unguessable task token: a prefix and 48 random bytes in base64url. */
export function createTaskToken(): string {
  return TOKEN_PREFIX + randomBytes(48).toString('base64url');
}

/**
 * Checks the shape of a token sent by a client: longer than
 * {@link Limits.taskTokenLength} is a `ValidationException`, a token this
 * endpoint could not have issued is `InvalidToken`.
 */
export function checkTaskTokenShape(token: string): void {
  if (token.length > Limits.taskTokenLength) {
    throw lengthValidationError('taskToken', 'max', Limits.taskTokenLength);
  }

  if (!TOKEN_PATTERN.test(token)) {
    throw new ServiceError('InvalidToken', 'Invalid token');
  }
}
