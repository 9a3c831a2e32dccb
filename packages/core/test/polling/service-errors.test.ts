import { describe, expect, it } from 'vitest';

import { describeServiceError } from '../../src/client/service-errors';
import { serviceError } from './support/scripted-activity-api';

describe(describeServiceError.name, () => {
  it.each([
    ['TaskTimedOut', { taskOver: true, retryable: false, credentialsRejected: false }],
    ['TaskDoesNotExist', { taskOver: true, retryable: false, credentialsRejected: false }],
    ['InvalidToken', { taskOver: true, retryable: false, credentialsRejected: false }],
    ['UnrecognizedClientException', { taskOver: false, retryable: false, credentialsRejected: true }],
    ['InvalidSignatureException', { taskOver: false, retryable: false, credentialsRejected: true }],
    ['ThrottlingException', { taskOver: false, retryable: true, credentialsRejected: false }],
    ['InvalidOutput', { taskOver: false, retryable: false, credentialsRejected: false }],
  ])('classifies %s', (name, expected) => {
    expect(describeServiceError(serviceError(name))).toMatchObject({ code: name, ...expected });
  });

  it('flags a CredentialsProviderError as missing credentials', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });

    expect(describeServiceError(error)).toMatchObject({ credentialsMissing: true, credentialsRejected: false });
  });

  it('retries server errors', () => {
    expect(describeServiceError(serviceError('InternalFailure', 500, 'server'))).toMatchObject({ retryable: true, httpStatus: 500 });
  });

  it('retries network errors found in the cause chain', () => {
    const error = new Error('socket hang up', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });

    expect(describeServiceError(error)).toMatchObject({ code: 'ECONNRESET', retryable: true });
  });

  it('retries request timeouts of the HTTP handler', () => {
    expect(describeServiceError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toMatchObject({ retryable: true });
  });
});
