import { describe, expect, it } from 'vitest';

import { Backoff } from '../../src/polling/backoff';
import { ActivityRegistrationError, CredentialsMissingError, CredentialsRejectedError } from '../../src/registration/activity-registration-error';
import { registerActivities } from '../../src/registration/register-activities';
import { captureLogger, entriesWith } from '../polling/support/capture-logger';
import { ScriptedActivityApi, serviceError } from '../polling/support/scripted-activity-api';

function setUp() {
  const { logger, entries } = captureLogger();
  const api = new ScriptedActivityApi();
  const controller = new AbortController();
  const options = {
    api,
    logger,
    endpoint: 'http://127.0.0.1:1',
    staticCredentials: true,
    signal: controller.signal,
    backoff: new Backoff({ baseMs: 5, maxMs: 10 }),
  };

  return { api, entries, controller, options };
}

describe(registerActivities.name, () => {
  it('returns the ARN of each activity', async () => {
    const { options } = setUp();

    const arns = await registerActivities(['dev_a', 'dev_b'], options);

    expect([...(arns ?? new Map()).entries()]).toEqual([
      ['dev_a', 'arn:aws:states:us-east-1:123456789012:activity:dev_a'],
      ['dev_b', 'arn:aws:states:us-east-1:123456789012:activity:dev_b'],
    ]);
  });

  it('retries while the endpoint is unreachable and logs each new reason', async () => {
    const { api, entries, options } = setUp();
    const failures = [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      serviceError('InternalFailure', 500, 'server'),
    ];
    api.onCreateActivity = async (name) => {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return `arn:aws:states:us-east-1:123456789012:activity:${name}`;
    };

    await expect(registerActivities(['a'], options)).resolves.toBeInstanceOf(Map);

    expect(entriesWith(entries, 'Cannot register activity; retrying with backoff').map((entry) => [entry.level, entry.errorCode])).toEqual([
      ['warn', 'ECONNREFUSED'],
      ['debug', 'ECONNREFUSED'],
      ['warn', 'InternalFailure'],
    ]);
    expect(entriesWith(entries, 'Endpoint reachable again; activity registered')).toMatchObject([{ failures: 3 }]);
  });

  it.each(['UnrecognizedClientException', 'InvalidSignatureException'])('stops at once when the credentials are rejected (%s)', async (code) => {
    const { api, options } = setUp();
    api.onCreateActivity = async () => {
      throw serviceError(code);
    };

    const registering = registerActivities(['a'], options);

    await expect(registering).rejects.toThrow(CredentialsRejectedError);
    await expect(registering).rejects.toThrow(
      `Credentials rejected by http://127.0.0.1:1 (${code}) while creating activity "a". Check the key and secret from ` +
        'stepFunctions__authenticationKey and stepFunctions__authenticationSecret: the key must exist on the endpoint and the secret must be its own.',
    );
    expect(api.callsOf('CreateActivity')).toHaveLength(1);
  });

  it('stops at once without credentials', async () => {
    const { api, options } = setUp();
    api.onCreateActivity = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };

    const registering = registerActivities(['a'], { ...options, staticCredentials: false });

    await expect(registering).rejects.toThrow(CredentialsMissingError);
    await expect(registering).rejects.toThrow(
      'No credentials to sign CreateActivity for "a" at http://127.0.0.1:1: stepFunctions__authenticationKey and ' +
        'stepFunctions__authenticationSecret are empty, and the AWS default credential provider chain found none ' +
        '(Could not load credentials from any providers). Set both variables, or set AWS_ACCESS_KEY_ID and ' +
        'AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run with an IAM role.',
    );
    expect(api.callsOf('CreateActivity')).toHaveLength(1);
  });

  it('reports one failure while another retries', async () => {
    const { api, options } = setUp();
    const attempts: string[] = [];
    api.onCreateActivity = async (name) => {
      attempts.push(name);
      if (name === 'a') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      throw serviceError('UnrecognizedClientException');
    };

    await expect(registerActivities(['a', 'b'], options)).rejects.toThrow(CredentialsRejectedError);
    const attemptsAtFailure = attempts.length;
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(attempts).toContain('b');
    expect(attempts).toHaveLength(attemptsAtFailure);
  });

  it('stops on an error a retry cannot fix', async () => {
    const { api, options } = setUp();
    api.onCreateActivity = async () => {
      throw serviceError('InvalidName');
    };

    await expect(registerActivities(['a'], options)).rejects.toThrow(ActivityRegistrationError);
  });

  it('returns undefined when cancelled during the retries', async () => {
    const { api, controller, options } = setUp();
    api.onCreateActivity = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };

    const registering = registerActivities(['a'], options);
    setTimeout(() => controller.abort(), 30);

    await expect(registering).resolves.toBeUndefined();
  });
});
