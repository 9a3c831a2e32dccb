import { createHash, createHmac } from 'node:crypto';

/** Parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** Date of the credential scope, `YYYYMMDD`. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;_.-]+)\s*,\s*Signature=([0-9a-f]{64})$/;

/** Parses a SigV4 `Authorization` header; returns undefined when it is not one. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION_PATTERN.exec(header.trim());

  if (match === null) {
    return undefined;
  }

  return {
    accessKeyId: match[1],
    scopeDate: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: match[5].split(';'),
    signature: match[6],
  };
}

/** What the signature covers, as the server received it. */
export interface SignedRequest {
  method: string;
  /** Path with its query string, as on the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Computes the SigV4 signature of a request with the given secret, following
 * the canonical request and string-to-sign steps of the AWS Signature
 * Version 4 specification.
 */
export function computeSignature(request: SignedRequest, authorization: ParsedAuthorization, amzDate: string, secretAccessKey: string): string {
  const scope = `${authorization.scopeDate}/${authorization.region}/${authorization.service}/aws4_request`;
  const canonicalRequest = buildCanonicalRequest(request, authorization.signedHeaders);
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');

  const dateKey = hmac(`AWS4${secretAccessKey}`, authorization.scopeDate);
  const regionKey = hmac(dateKey, authorization.region);
  const serviceKey = hmac(regionKey, authorization.service);
  const signingKey = hmac(serviceKey, 'aws4_request');

  return hmac(signingKey, stringToSign).toString('hex');
}

function buildCanonicalRequest(request: SignedRequest, signedHeaders: string[]): string {
  const queryStart = request.url.indexOf('?');
  const path = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : request.url.slice(queryStart + 1);

  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  // The hash of the body received, never the X-Amz-Content-Sha256 header,
  // so that a body changed after signing fails the check.
  const payloadHash = sha256Hex(request.body);

  return [request.method, canonicalPath(path), canonicalQuery(query), canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
}

function headerValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');

  return joined.trim().replace(/\s+/g, ' ');
}

/** Encodes each path segment once, as the SDKs do for non-S3 services. */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (query === '') {
    return '';
  }

  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);

      return [uriEncode(decodeURIComponent(key)), uriEncode(decodeURIComponent(value.replace(/\+/g, ' ')))];
    })
    .sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 3986 encoding: everything but unreserved characters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
