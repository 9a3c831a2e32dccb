import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import type { FaultInjector } from '../faults/fault-injector';
import type { StatesLocalLogger } from '../logging/logger';
import { ServiceError } from '../protocol/service-error';
import { type OperationTable, type RequestContext, StatusOnlyResponse } from './operation';
import { parseJsonBody, readRequestBody } from './request-body';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** How long `close()` lets responses in progress finish before cutting connections. */
const CLOSE_GRACE_MS = 500;

/** Settings of the HTTP server. */
export interface HttpServerSettings {
  host: string;
  port: number;
  logger: StatesLocalLogger;
  operations: OperationTable;
  faults: FaultInjector;
  /** Called for every request with an operation name, before faults. */
  onRequest(operation: string): void;
  /** Verifies the signature of a request; throws a `ServiceError` to reject it. */
  authenticate?(request: IncomingMessage, body: Buffer): void;
}

/**
 * HTTP server speaking AWS JSON 1.0: POST with `X-Amz-Target:
 * AWSStepFunctions.<Operation>`, JSON bodies, modeled errors as
 * `{"__type", "message"}`.
 */
export class StatesHttpServer {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly settings: HttpServerSettings,
  ) {}

  /** Starts listening; resolves once the port is bound. */
  static async listen(settings: HttpServerSettings): Promise<StatesHttpServer> {
    const server = createServer();
    const instance = new StatesHttpServer(server, settings);

    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void instance.handle(request, response);
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });

    return instance;
  }

  /** Base URL, e.g. `http://127.0.0.1:4583`. */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

    return `http://${host}:${address.port}`;
  }

  /** Stops accepting connections and closes the open ones; idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const cutTimer = setTimeout(() => this.server.closeAllConnections(), CLOSE_GRACE_MS);
      // Keep-alive connections turn idle once their last response is out.
      const sweepTimer = setInterval(() => this.server.closeIdleConnections(), 10);

      this.server.close(() => {
        clearTimeout(cutTimer);
        clearInterval(sweepTimer);
        resolve();
      });
    });

    return this.closing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const startedAt = performance.now();
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;

    try {
      const raw = await readRequestBody(request);

      // An own-property check, so that names such as constructor or __proto__ from Object.prototype are unknown too.
      if (request.method !== 'POST' || operation === undefined || !Object.hasOwn(this.settings.operations, operation)) {
        throw new ServiceError('UnknownOperationException', `Unknown operation: ${String(target)}`);
      }

      this.settings.onRequest(operation);

      if (await this.injectFault(operation, request, response)) {
        return;
      }

      this.settings.authenticate?.(request, raw);

      const body = parseJsonBody(raw);
      const context = this.contextFor(requestId, response);
      const result = await this.settings.operations[operation](body, context);

      this.send(response, requestId, result);
      this.settings.logger.debug('Request served', { operation, requestId, durationMs: Math.round(performance.now() - startedAt) });
    } catch (error) {
      this.sendError(response, requestId, operation, error);
    }
  }

  /** Applies the drawn faults; returns true when the request must not be served. */
  private async injectFault(operation: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const decision = this.settings.faults.decide(operation);

    if (decision.latencyMs > 0) {
      await sleep(decision.latencyMs);
    }

    switch (decision.failure) {
      case 'internal-failure':
        throw new ServiceError('InternalFailure', 'Injected fault: internal failure', 500);

      case 'throttling':
        throw new ServiceError('ThrottlingException', 'Rate exceeded');

      case 'connection-reset':
        this.settings.logger.debug('Injected connection reset', { operation });
        request.socket.resetAndDestroy();
        response.destroy();

        return true;

      default:
        return false;
    }
  }

  private contextFor(requestId: string, response: ServerResponse): RequestContext {
    return {
      requestId,
      onClientClose: (listener) => {
        if (response.destroyed && !response.writableFinished) {
          listener();

          return;
        }

        response.once('close', () => {
          if (!response.writableFinished) {
            listener();
          }
        });
      },
    };
  }

  private send(response: ServerResponse, requestId: string, result: object): void {
    if (response.destroyed) {
      return;
    }

    if (result instanceof StatusOnlyResponse) {
      response.writeHead(result.statusCode, { 'x-amzn-RequestId': requestId, 'Content-Length': 0 });
      response.end();

      return;
    }

    const payload = JSON.stringify(result);

    response.writeHead(200, {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(payload),
      'x-amzn-RequestId': requestId,
    });
    response.end(payload);
  }

  private sendError(response: ServerResponse, requestId: string, operation: string | undefined, error: unknown): void {
    const serviceError =
      error instanceof ServiceError ? error : new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);

    if (error instanceof ServiceError) {
      this.settings.logger.debug('Request rejected', { operation, requestId, code: serviceError.code, message: serviceError.message });
    } else {
      this.settings.logger.error('Request failed with an unexpected error', { operation, requestId, error });
    }

    if (response.destroyed || response.headersSent) {
      return;
    }

    const payload = JSON.stringify({ __type: serviceError.code, message: serviceError.message });

    response.writeHead(serviceError.statusCode, {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(payload),
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': serviceError.code,
    });
    response.end(payload);
  }
}
