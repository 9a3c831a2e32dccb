import type { Logger } from 'winston';

import type { ActivityApi } from '../client/activity-api';
import { describeServiceError } from '../client/service-errors';
import { Backoff, sleep } from '../polling/backoff';
import { ActivityRegistrationError, CredentialsMissingError, CredentialsRejectedError } from './activity-registration-error';

/**
 * Options of {@link registerActivities}.
 *
 * @internal
 */
export interface RegisterActivitiesOptions {
  readonly api: ActivityApi;
  readonly logger: Logger;
  /** Endpoint named in logs and errors. */
  readonly endpoint: string;
  /** True when the credentials come from the configuration rather than the default chain. */
  readonly staticCredentials: boolean;
  /** Aborting stops the retries; the function then resolves with undefined. */
  readonly signal: AbortSignal;
  /** Pause between attempts while the endpoint is unreachable. @default base 500 ms, cap 15 s */
  readonly backoff?: Backoff;
}

/**
 * Creates every activity with CreateActivity, which returns the existing ARN
 * for a name that is already registered. The activities register concurrently,
 * so an endpoint that fails one name shows its cause for every name at once.
 * Each activity is retried with backoff while the endpoint is unreachable,
 * throttles or fails with 5xx. A warning is logged whenever the reason
 * changes, so a long outage shows each cause once.
 *
 * The first error a retry cannot fix stops the other registrations and is thrown.
 *
 * Returns the ARN of each activity name, or undefined when `signal` aborted first.
 *
 * @throws CredentialsMissingError when no credentials are configured and the default chain finds none.
 * @throws CredentialsRejectedError when the endpoint rejects the credentials.
 * @throws ActivityRegistrationError on any other error a retry cannot fix.
 * @internal
 */
export async function registerActivities(
  activityNames: readonly string[],
  options: RegisterActivitiesOptions,
): Promise<Map<string, string> | undefined> {
  // Aborted by the caller or by the first failure, which ends the other retry loops.
  const stop = new AbortController();
  const forwardAbort = (): void => stop.abort();
  options.signal.addEventListener('abort', forwardAbort, { once: true });

  if (options.signal.aborted) {
    stop.abort();
  }

  let results: Array<string | undefined>;

  try {
    results = await Promise.all(activityNames.map((name) => registerActivity(name, { ...options, signal: stop.signal })));
  } catch (error) {
    stop.abort();
    throw error;
  } finally {
    options.signal.removeEventListener('abort', forwardAbort);
  }

  // The application closed while the endpoint was unreachable.
  if (results.some((arn) => arn === undefined)) {
    return undefined;
  }

  return new Map(activityNames.map((name, index) => [name, results[index] as string]));
}

async function registerActivity(name: string, options: RegisterActivitiesOptions): Promise<string | undefined> {
  const { api, logger, endpoint, signal } = options;
  const backoff = options.backoff ?? new Backoff({ baseMs: 500, maxMs: 15_000 });
  let failures = 0;
  let lastCode: string | undefined;

  while (!signal.aborted) {
    try {
      const arn = await api.createActivity(name, signal);

      if (failures > 0) {
        logger.info('Endpoint reachable again; activity registered', { activityName: name, failures });
      }

      logger.debug('Activity registered', { activityName: name, activityArn: arn });

      return arn;
    } catch (thrown) {
      const error = describeServiceError(thrown);

      if (signal.aborted) {
        return undefined;
      }

      if (error.credentialsMissing) {
        throw new CredentialsMissingError({ activityName: name, endpoint, cause: thrown });
      }

      if (error.credentialsRejected) {
        throw new CredentialsRejectedError({
          code: error.code,
          activityName: name,
          endpoint,
          staticCredentials: options.staticCredentials,
          cause: thrown,
        });
      }

      if (!error.retryable) {
        throw new ActivityRegistrationError({ code: error.code, message: error.message, activityName: name, endpoint, cause: thrown });
      }

      failures += 1;
      const retryInMs = backoff.delayMs(failures);
      const fields = { activityName: name, endpoint, errorCode: error.code, error: error.message, failures, retryInMs };

      if (error.code !== lastCode) {
        logger.warn('Cannot register activity; retrying with backoff', fields);
      } else {
        logger.debug('Cannot register activity; retrying with backoff', fields);
      }

      lastCode = error.code;
      await sleep(retryInMs, signal);
    }
  }

  return undefined;
}
