import { ConfigurationError } from '../errors/configuration-error';

/**
 * Thrown by `WorkerApplication.start()` when the endpoint rejects the
 * configured credentials (UnrecognizedClientException,
 * InvalidSignatureException and the like). Retrying cannot help, so the start
 * stops at once instead of retrying forever.
 *
 * @public
 */
export class CredentialsRejectedError extends ConfigurationError {
  override readonly name = 'CredentialsRejectedError';

  /** Error code the endpoint returned. */
  readonly code: string;

  constructor(details: { code: string; activityName: string; endpoint: string; staticCredentials: boolean; cause: unknown }) {
    const source = details.staticCredentials
      ? 'stepFunctions__authenticationKey and stepFunctions__authenticationSecret'
      : 'the AWS default credential provider chain (environment, profile, container or instance role)';

    super(
      details.staticCredentials ? 'stepFunctions__authenticationSecret' : 'credentials',
      `Credentials rejected by ${details.endpoint} (${details.code}) while creating activity "${details.activityName}". ` +
        `Check the key and secret from ${source}: the key must exist on the endpoint and the secret must be its own.`,
      { cause: details.cause },
    );
    this.code = details.code;
  }
}

/**
 * Thrown by `WorkerApplication.start()` when no credentials are configured
 * and the AWS default credential provider chain finds none either
 * (`CredentialsProviderError`). No request reached the endpoint; retrying
 * cannot help, so the start stops at once instead of retrying forever.
 *
 * @public
 */
export class CredentialsMissingError extends ConfigurationError {
  override readonly name = 'CredentialsMissingError';

  constructor(details: { activityName: string; endpoint: string; cause: unknown }) {
    const reason = details.cause instanceof Error ? details.cause.message : String(details.cause);

    super(
      'stepFunctions__authenticationKey',
      `No credentials to sign CreateActivity for "${details.activityName}" at ${details.endpoint}: ` +
        'stepFunctions__authenticationKey and stepFunctions__authenticationSecret are empty, ' +
        `and the AWS default credential provider chain found none (${reason}). ` +
        'Set both variables, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run with an IAM role.',
      { cause: details.cause },
    );
  }
}

/**
 * Thrown by `WorkerApplication.start()` when CreateActivity fails for a reason
 * that a retry cannot fix, such as an invalid name or a missing permission.
 *
 * @public
 */
export class ActivityRegistrationError extends Error {
  override readonly name = 'ActivityRegistrationError';

  /** Error code the endpoint returned. */
  readonly code: string;

  constructor(details: { code: string; message: string; activityName: string; endpoint: string; cause: unknown }) {
    super(
      `CreateActivity for "${details.activityName}" failed at ${details.endpoint} (${details.code}): ${details.message}. ` +
        'Fix the activity name or the permissions of the credentials, then start again.',
      { cause: details.cause },
    );
    this.code = details.code;
  }
}
