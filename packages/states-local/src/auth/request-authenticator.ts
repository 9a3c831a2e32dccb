import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { StatesLocalCredentials } from '../options';
import { ServiceError } from '../protocol/service-error';
import { computeSignature, parseAuthorization } from './sigv4';

/** Largest clock difference accepted between `X-Amz-Date` and now: 15 minutes, as AWS allows. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies SigV4 signatures against one key pair and rejects requests as
 * Step Functions does: `MissingAuthenticationTokenException` without an
 * `Authorization` header, `UnrecognizedClientException` for another access
 * key, `InvalidSignatureException` for a wrong signature, scope or date.
 */
export class RequestAuthenticator {
  constructor(
    private readonly credentials: StatesLocalCredentials,
    private readonly region: string,
  ) {}

  /** Throws a `ServiceError` unless the request is signed with the configured key. */
  verify(request: IncomingMessage, body: Buffer): void {
    const header = request.headers.authorization;

    if (header === undefined) {
      throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }

    const authorization = parseAuthorization(header);

    if (authorization === undefined) {
      throw new ServiceError('IncompleteSignatureException', `Authorization header is not a valid AWS4-HMAC-SHA256 header: '${header.slice(0, 40)}...'`);
    }

    if (authorization.accessKeyId !== this.credentials.accessKeyId) {
      throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }

    const amzDate = this.checkDate(request, authorization.scopeDate);
    this.checkScope(authorization.region, authorization.service);

    if (!authorization.signedHeaders.includes('host')) {
      throw new ServiceError('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    const expected = computeSignature(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      authorization,
      amzDate,
      this.credentials.secretAccessKey,
    );

    if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(authorization.signature, 'hex'))) {
      throw new ServiceError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
    }
  }

  private checkDate(request: IncomingMessage, scopeDate: string): string {
    const amzDate = request.headers['x-amz-date'];
    const match = typeof amzDate === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate) : null;

    if (typeof amzDate !== 'string' || match === null) {
      throw new ServiceError('IncompleteSignatureException', "Authorization header requires an 'X-Amz-Date' header in the form YYYYMMDDTHHMMSSZ.");
    }

    const signedAt = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));

    if (Math.abs(Date.now() - signedAt) > MAX_CLOCK_SKEW_MS) {
      throw new ServiceError('InvalidSignatureException', `Signature expired: ${amzDate} is more than 15 minutes away from the server time.`);
    }

    if (!amzDate.startsWith(scopeDate)) {
      throw new ServiceError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`);
    }

    return amzDate;
  }

  private checkScope(region: string, service: string): void {
    if (service !== 'states') {
      throw new ServiceError('InvalidSignatureException', `Credential should be scoped to correct service: 'states', not '${service}'.`);
    }

    if (region !== this.region) {
      throw new ServiceError('InvalidSignatureException', `Credential should be scoped to a valid region: '${this.region}', not '${region}'.`);
    }
  }
}
