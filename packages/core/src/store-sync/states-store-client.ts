import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4, type SignatureV4Init } from '@smithy/signature-v4';

import { StatesStoreRequestError } from './states-store-request-error';
import {
  STORE_SYNC_API_VERSION,
  StoreSyncOperations,
  type ForceCheckRequestsRequest,
  type ForceCheckRequestsResponse,
  type PostStoreStatusRequest,
  type StoreSyncOperation,
  type SyncStoresRequest,
  type SyncStoresResponse,
} from './store-sync-wire';

/** Sockets of the client: one per long poll, one for status posts, one spare. */
const MAX_SOCKETS = 4;

/** Maximum length of a service message quoted in an error, in characters, because a proxy may return a whole HTML page. */
const MAX_QUOTED_MESSAGE = 500;

/**
 * Options of a {@link StatesStoreClient}.
 *
 * @internal
 */
export interface StatesStoreClientOptions {
  /** URL of States; calls are POSTed to this URL with a trailing `/`, as `bevault_workers` does. */
  readonly baseUrl: string;
  /** Region of the SigV4 scope. */
  readonly region: string;
  /** Credentials, or the Step Functions client's provider, so both sign with the same (refreshed) keys. */
  readonly credentials: SignatureV4Init['credentials'];
}

/**
 * Per-call settings of a {@link StatesStoreClient}.
 *
 * @internal
 */
export interface CallOptions {
  /** Time the response may take, in milliseconds; longer than the service's hold for a long poll. */
  readonly timeoutMs: number;
  /** Aborts the call, for a shutdown. */
  readonly signal: AbortSignal;
}

/**
 * JSON client of the store-sync operations of beVault States. Each call is a
 * POST of AWS JSON 1.0 with `X-Amz-Target: AWSStepFunctions.<operation>` and
 * `X-Amz-Api-Version: 2016-11-23`, SigV4-signed for the `states` service, on
 * an HTTP agent of its own, so long polls never take the sockets of the
 * activity pollers.
 *
 * @internal
 */
export class StatesStoreClient {
  private readonly url: URL;
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly signer: SignatureV4;

  constructor(options: StatesStoreClientOptions) {
    this.url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/`);
    const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.signer = new SignatureV4({ service: 'states', region: options.region, credentials: options.credentials, sha256: Sha256 });
  }

  /** Sends the local stores; returns the States stores when the version token is stale. */
  async syncStores(request: SyncStoresRequest, options: CallOptions): Promise<SyncStoresResponse> {
    return (await this.call(StoreSyncOperations.syncStores, request, options)) ?? {};
  }

  /** Returns the force-check requests queued after the continuation token, or undefined when none arrived. */
  async getForceCheckRequests(request: ForceCheckRequestsRequest, options: CallOptions): Promise<ForceCheckRequestsResponse | undefined> {
    return this.call(StoreSyncOperations.forceCheckRequests, request, options);
  }

  /** Posts store statuses. */
  async postStoreStatus(request: PostStoreStatusRequest, options: CallOptions): Promise<void> {
    await this.call(StoreSyncOperations.postStoreStatus, request, options);
  }

  /** Closes the sockets; calls in progress fail. */
  destroy(): void {
    this.agent.destroy();
  }

  /**
   * Signs and sends one call. Returns the parsed JSON object, or undefined for
   * HTTP 201, the status States returns when it has nothing to return.
   *
   * @throws StatesStoreRequestError for an error status, a response that is
   *   not a JSON object, a timeout or a network error.
   */
  private async call<T extends object>(operation: StoreSyncOperation, payload: object, options: CallOptions): Promise<T | undefined> {
    const body = JSON.stringify(payload);
    const signed = await this.signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: this.url.protocol,
        hostname: this.url.hostname,
        port: this.url.port === '' ? undefined : Number(this.url.port),
        path: this.url.pathname,
        headers: {
          host: this.url.host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AWSStepFunctions.${operation}`,
          'x-amz-api-version': STORE_SYNC_API_VERSION,
        },
        body,
      }),
    );

    const { statusCode, text } = await this.send(operation, signed.headers, body, options);

    if (statusCode === 201) {
      return undefined;
    }

    if (statusCode >= 400) {
      throw httpError(operation, statusCode, text);
    }

    return parseObject<T>(operation, statusCode, text);
  }

  /** Sends the signed request and reads the whole response, failing after `timeoutMs`. */
  private send(
    operation: StoreSyncOperation,
    headers: Record<string, string>,
    body: string,
    options: CallOptions,
  ): Promise<{ statusCode: number; text: string }> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;

    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          options.signal.removeEventListener('abort', onAbort);
          outcome();
        }
      };

      const request = send(this.url, { method: 'POST', headers, agent: this.agent }, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => finish(() => resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
        response.on('error', (error) => finish(() => reject(networkError(operation, error))));
      });

      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new StatesStoreRequestError(
              { operation, code: 'RequestTimeout', timedOut: true },
              `${operation} got no response within ${options.timeoutMs} ms from ${this.url.origin}.`,
            ),
          ),
        );
        request.destroy();
      }, options.timeoutMs);

      const onAbort = (): void => {
        finish(() => reject(new StatesStoreRequestError({ operation, code: 'Aborted' }, `${operation} was aborted because store sync is stopping.`)));
        request.destroy();
      };

      if (options.signal.aborted) {
        onAbort();
        return;
      }

      options.signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => finish(() => reject(networkError(operation, error))));
      request.end(body);
    });
  }
}

function httpError(operation: StoreSyncOperation, statusCode: number, text: string): StatesStoreRequestError {
  const parsed = tryParse(text);
  const type = typeof parsed?.__type === 'string' ? parsed.__type.split('#').pop() : undefined;
  const serviceMessage = typeof parsed?.message === 'string' ? parsed.message : typeof parsed?.Message === 'string' ? parsed.Message : text.trim();
  const code = type ?? `HTTP${statusCode}`;
  const quoted = serviceMessage === '' ? '' : `: ${truncate(serviceMessage)}`;

  return new StatesStoreRequestError({ operation, httpStatus: statusCode, code }, `${operation} failed with HTTP ${statusCode} (${code})${quoted}`);
}

function parseObject<T extends object>(operation: StoreSyncOperation, statusCode: number, text: string): T {
  if (text.trim() === '') {
    return {} as T;
  }

  const parsed = tryParse(text);
  if (parsed === undefined) {
    throw new StatesStoreRequestError(
      { operation, httpStatus: statusCode, code: 'InvalidResponse' },
      `${operation} returned HTTP ${statusCode} with a body that is not a JSON object: ${truncate(text)}. Check that the store sync URL points at beVault States.`,
    );
  }

  return parsed as T;
}

function tryParse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function networkError(operation: StoreSyncOperation, error: Error & { code?: unknown }): StatesStoreRequestError {
  const code = typeof error.code === 'string' ? error.code : error.name;

  return new StatesStoreRequestError({ operation, code }, `${operation} failed: ${error.message}`, { cause: error });
}

function truncate(text: string): string {
  return text.length > MAX_QUOTED_MESSAGE ? `${text.slice(0, MAX_QUOTED_MESSAGE)}… (${text.length} characters)` : text;
}
