import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'winston';

import { HttpServerError } from './http-server-error';
import type { Readiness } from './readiness';
import type { WorkerMetrics } from './worker-metrics';

/** Paths the server serves. */
const PATHS = ['/healthz', '/readyz', '/metrics'];

/**
 * Listening address of the health and metrics server.
 *
 * @public
 */
export interface HttpServerAddress {
  /** Interface, as configured (`0.0.0.0` listens on every IPv4 interface). */
  readonly host: string;
  /** TCP port, the one the system picked when the configured port is 0. */
  readonly port: number;
  /** Base URL, such as `http://127.0.0.1:9090`. */
  readonly url: string;
}

/**
 * Options of a {@link HealthServer}.
 *
 * @internal
 */
export interface HealthServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly readiness: () => Readiness;
  readonly metrics: WorkerMetrics;
  readonly logger: Logger;
}

/**
 * The HTTP server of health probes and metrics, on `node:http`:
 *
 * - `GET /healthz`: 200 while the process runs (liveness);
 * - `GET /readyz`: 200 while the application takes tasks, else 503, with the
 *   readiness as JSON;
 * - `GET /metrics`: the metrics in the Prometheus text format.
 *
 * `HEAD` gets the response of `GET` without its body. Other methods get 405,
 * other paths 404.
 *
 * @internal
 */
export class HealthServer {
  private server: Server | undefined;
  private boundAddress: HttpServerAddress | undefined;

  constructor(private readonly options: HealthServerOptions) {}

  /** The address once listening; undefined before and after. */
  get address(): HttpServerAddress | undefined {
    return this.boundAddress;
  }

  /**
   * Starts listening.
   *
   * @throws HttpServerError when the server cannot listen on the host and port.
   */
  async start(): Promise<HttpServerAddress> {
    const { host, port, logger } = this.options;
    const server = createServer((request, response) => void this.handle(request, response));

    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new HttpServerError(host, port, { cause: error })));
      server.listen(port, host, () => resolve());
    });

    server.on('error', (error) => logger.error('Health and metrics server error', { error: error.message }));
    this.server = server;

    const boundPort = (server.address() as AddressInfo).port;
    this.boundAddress = { host, port: boundPort, url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}` };
    logger.info('Health and metrics server listening', { url: this.boundAddress.url, paths: PATHS });

    return this.boundAddress;
  }

  /** Stops listening and closes every connection, idle keep-alive ones included. Idempotent. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) {
      return;
    }

    this.server = undefined;
    this.boundAddress = undefined;

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    this.options.logger.info('Health and metrics server stopped');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const head = request.method === 'HEAD';

    if (request.method !== 'GET' && !head) {
      send(response, 405, json({ error: `Method ${request.method} is not allowed; use GET.` }), head, { allow: 'GET, HEAD' });
      return;
    }

    switch (path) {
      case '/healthz':
        send(response, 200, json({ status: 'ok' }), head);
        return;
      case '/readyz': {
        const readiness = this.options.readiness();
        send(response, readiness.ready ? 200 : 503, json({ status: readiness.ready ? 'ready' : 'not ready', ...readiness }), head);
        return;
      }
      case '/metrics':
        await this.sendMetrics(response, head);
        return;
      default:
        send(response, 404, json({ error: `No resource at ${path}.`, paths: PATHS }), head);
    }
  }

  private async sendMetrics(response: ServerResponse, head: boolean): Promise<void> {
    const { metrics, logger } = this.options;

    try {
      const text = await metrics.render();
      send(response, 200, { contentType: metrics.registry.contentType, body: text }, head);
    } catch (error) {
      logger.error('Rendering the metrics failed', { error: error instanceof Error ? error.message : String(error) });
      send(response, 500, json({ error: 'Rendering the metrics failed; the worker log has the reason.' }), head);
    }
  }
}

function json(value: object): { contentType: string; body: string } {
  return { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(value)}\n` };
}

function send(
  response: ServerResponse,
  status: number,
  content: { contentType: string; body: string },
  head: boolean,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'content-type': content.contentType,
    'content-length': Buffer.byteLength(content.body),
    'cache-control': 'no-store',
  });
  response.end(head ? undefined : content.body);
}
