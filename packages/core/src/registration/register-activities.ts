import type { Logger } from 'winston';

import type { ActivityApi } from '../client/activity-api';
import { describeServiceError } from '../client/service-errors';
import { Backoff, sleep } from '../polling/backoff';
import { ActivityRegistrationError, CredentialsRejectedError } from './activity-registration-error';

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
 * for a name that is already registered. Each activity is retried with backoff
 * while the endpoint is unreachable, throttles or fails with 5xx; a warning is
 * logged whenever the reason changes, so a long outage shows each cause once.
 *
 * Returns the ARN of each activity name, or undefined when `signal` aborted first.
 *
 * @throws CredentialsRejectedError when the endpoint rejects the credentials.
 * @throws ActivityRegistrationError on any other error a retry cannot fix.
 * @internal
 */
export async function registerActivities(
  activityNames: readonly string[],
  options: RegisterActivitiesOptions,
): Promise<Map<string, string> | undefined> {
  const arns = new Map<string, string>();

  for (const name of activityNames) {
    const arn = await registerActivity(name, options);

    // The application closed while the endpoint was unreachable.
    if (arn === undefined) {
      return undefined;
    }

    arns.set(name, arn);
  }

  return arns;
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
