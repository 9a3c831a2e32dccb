/**
 * Classification of the errors that Step Functions calls reject with: SDK
 * service exceptions (`name` is the service's error code), HTTP handler
 * timeouts and Node.js network errors.
 */

/** Error codes meaning that the task is over at the service: no answer or heartbeat can change it. */
const TASK_OVER_CODES = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/** Error codes meaning that the service rejected the key or the signature. */
const CREDENTIALS_REJECTED_CODES = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'IncompleteSignatureException',
  'SignatureDoesNotMatch',
]);

/** Error codes of throttling responses, retried like server errors. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);

/** Node.js error codes of a request that failed on the network. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/**
 * What went wrong with one Step Functions call, in log-safe form.
 *
 * @internal
 */
export interface ServiceErrorInfo {
  /** Service error code (`TaskTimedOut`), network code (`ECONNREFUSED`) or error name. */
  readonly code: string;
  readonly message: string;
  /** HTTP status of the response; undefined when no response arrived. */
  readonly httpStatus: number | undefined;
  /** True when the same call may succeed later: throttling, 5xx, timeouts, network errors. */
  readonly retryable: boolean;
  /** True when the service reports that the task is over (TaskTimedOut, TaskDoesNotExist, InvalidToken). */
  readonly taskOver: boolean;
  /** True when the service rejected the credentials. */
  readonly credentialsRejected: boolean;
  /** True when the SDK found no credentials to sign with (`CredentialsProviderError`), so no request was sent. */
  readonly credentialsMissing: boolean;
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

/**
 * Describes an error thrown by a Step Functions call.
 *
 * @internal
 */
export function describeServiceError(error: unknown): ServiceErrorInfo {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const networkCode = findNetworkCode(shape);
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const code = networkCode ?? name;
  const message = typeof shape.message === 'string' && shape.message !== '' ? shape.message : String(error);
  const status = shape.$metadata?.httpStatusCode;
  const httpStatus = typeof status === 'number' ? status : undefined;

  const retryable =
    networkCode !== undefined ||
    name === 'TimeoutError' ||
    THROTTLING_CODES.has(name) ||
    shape.$fault === 'server' ||
    (httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429)) ||
    (httpStatus === undefined && shape.$fault === undefined && name !== 'AbortError');

  return {
    code,
    message,
    httpStatus,
    retryable: retryable && !TASK_OVER_CODES.has(name) && !CREDENTIALS_REJECTED_CODES.has(name),
    taskOver: TASK_OVER_CODES.has(name),
    credentialsRejected: CREDENTIALS_REJECTED_CODES.has(name),
    credentialsMissing: name === 'CredentialsProviderError',
  };
}

/** Returns the Node.js network error code of `shape` or of its causes. */
function findNetworkCode(shape: ErrorShape): string | undefined {
  let current: ErrorShape | undefined = shape;

  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (typeof current.code === 'string' && NETWORK_ERROR_CODES.has(current.code)) {
      return current.code;
    }

    current = typeof current.cause === 'object' && current.cause !== null ? (current.cause as ErrorShape) : undefined;
  }

  return undefined;
}
