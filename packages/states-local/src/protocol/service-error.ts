/**
 * Error that the endpoint returns to the client as an AWS JSON 1.0 error:
 * HTTP `statusCode` with the body `{"__type": code, "message": message}`.
 * Handlers throw it, and the server turns it into the response.
 *
 * @public
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  /** Error code the SDK maps to its exception class, e.g. `TaskTimedOut`. */
  readonly code: string;

  /** HTTP status code of the response. @default 400 */
  readonly statusCode: number;

  constructor(code: string, message: string, statusCode = 400) {
    super(message);
    this.code = code;
    this.statusCode = statusCode;
  }
}

/**
 * Builds the `ValidationException` that AWS returns when a field breaks a
 * length constraint of the API model.
 */
export function lengthValidationError(field: string, constraint: 'min' | 'max', limit: number): ServiceError {
  const bound = constraint === 'max' ? 'less than or equal to' : 'greater than or equal to';

  return new ServiceError(
    'ValidationException',
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length ${bound} ${limit}`,
  );
}
