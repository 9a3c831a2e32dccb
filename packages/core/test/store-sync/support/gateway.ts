import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the gateway received, before forwarding it. */
export interface GatewayRequest {
  readonly operation: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** When it arrived, in milliseconds since the epoch. */
  readonly at: number;
}

/**
 * A reverse proxy in front of Local States, as a load balancer or an ingress
 * would sit in front of beVault States. It forwards every request unchanged
 * (the Host header included, so SigV4 signatures still verify), records it,
 * and returns `504 Gateway Time-out` itself for the operations given to
 * {@link Gateway.timeOut}, as a gateway does when its upstream timeout is
 * shorter than the long poll. {@link Gateway.swallow} makes it hang instead.
 */
export class Gateway {
  readonly requests: GatewayRequest[] = [];
  private readonly timeouts = new Map<string, number>();
  private readonly swallowed = new Set<string>();

  private readonly server: Server;
  private listeningUrl = '';

  private constructor(targetUrl: string) {
    const target = new URL(targetUrl);

    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const operation = String(incoming.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
        this.requests.push({ operation, headers: incoming.headers, body: body.toString('utf8'), at: Date.now() });

        // Held without a response until the client hangs up.
        if (this.swallowed.has(operation)) {
          return;
        }

        if (this.takeTimeout(operation)) {
          outgoing.writeHead(504, { 'content-type': 'text/html' });
          outgoing.end('<html><body><h1>504 Gateway Time-out</h1></body></html>');
          return;
        }

        const upstream = request(
          { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
          (response) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        upstream.on('error', () => outgoing.destroy());
        outgoing.on('close', () => upstream.destroy());
        upstream.end(body);
      });
    });
  }

  /** Base URL of the gateway. */
  get url(): string {
    return this.listeningUrl;
  }

  static async start(targetUrl: string): Promise<Gateway> {
    const gateway = new Gateway(targetUrl);

    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    gateway.listeningUrl = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;

    return gateway;
  }

  /** Returns HTTP 504 for the next `times` calls of `operation`. */
  timeOut(operation: string, times: number): void {
    this.timeouts.set(operation, (this.timeouts.get(operation) ?? 0) + times);
  }

  /** Never answers the calls of `operation` from now on, as an upstream that hangs. */
  swallow(operation: string): void {
    this.swallowed.add(operation);
  }

  /** Requests received for one operation. */
  requestsOf(operation: string): GatewayRequest[] {
    return this.requests.filter((entry) => entry.operation === operation);
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private takeTimeout(operation: string): boolean {
    const remaining = this.timeouts.get(operation) ?? 0;
    if (remaining === 0) {
      return false;
    }

    this.timeouts.set(operation, remaining - 1);
    return true;
  }
}
