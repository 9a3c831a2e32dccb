import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Key of a task input that the proxy replaces by the raw text it holds. */
export const rawInputKey = 'rawInputForWorker';

/**
 * An HTTP proxy in front of Local States that lets a test hand a worker task
 * input no Step Functions endpoint would send, such as text that is not
 * JSON. It forwards every request unchanged (so SigV4 signatures stay
 * valid), and in each GetActivityTask reply whose input is
 * `{"rawInputForWorker": "<text>"}` it puts `<text>` in place of the input.
 * A poll whose client hangs up is cut upstream too.
 */
export class RawInputProxy {
  private constructor(
    private readonly server: Server,
    /** URL to give the worker as its endpoint. */
    readonly url: string,
  ) {}

  /** Starts the proxy on a free loopback port, forwarding to `targetUrl`. */
  static async start(targetUrl: string): Promise<RawInputProxy> {
    const target = new URL(targetUrl);
    const server = createServer((incoming, outgoing) => forward(target, incoming, outgoing));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    return new RawInputProxy(server, `http://127.0.0.1:${port}`);
  }

  /** Closes the listener and every connection. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function forward(target: URL, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (reply) => relayReply(incoming, reply, outgoing),
    );
    upstream.on('error', () => outgoing.destroy());
    outgoing.on('close', () => upstream.destroy());
    upstream.end(Buffer.concat(chunks));
  });
}

function relayReply(incoming: IncomingMessage, reply: IncomingMessage, outgoing: ServerResponse): void {
  const chunks: Buffer[] = [];
  reply.on('data', (chunk: Buffer) => chunks.push(chunk));
  reply.on('end', () => {
    const isPoll = String(incoming.headers['x-amz-target'] ?? '').endsWith('.GetActivityTask');
    const body = isPoll && reply.statusCode === 200 ? replaceRawInput(Buffer.concat(chunks)) : Buffer.concat(chunks);
    outgoing.writeHead(reply.statusCode ?? 500, { ...reply.headers, 'content-length': String(body.length) });
    outgoing.end(body);
  });
}

function replaceRawInput(body: Buffer): Buffer {
  const reply = JSON.parse(body.toString('utf8')) as { input?: string };
  if (typeof reply.input !== 'string') {
    return body;
  }

  const input = JSON.parse(reply.input) as unknown;
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[rawInputKey] : undefined;
  if (typeof raw !== 'string') {
    return body;
  }

  return Buffer.from(JSON.stringify({ ...reply, input: raw }), 'utf8');
}
