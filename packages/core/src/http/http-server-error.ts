/**
 * Thrown by `WorkerApplication.listen()` when the health and metrics server
 * cannot listen on its host and port (a port in use, an address of another
 * machine). The cause is the Node.js error.
 *
 * @public
 */
export class HttpServerError extends Error {
  override readonly name = 'HttpServerError';

  constructor(
    readonly host: string,
    readonly port: number,
    options: { cause: Error & { code?: unknown } },
  ) {
    const code = typeof options.cause.code === 'string' ? ` (${options.cause.code})` : '';
    super(
      `The health and metrics server could not listen on ${host}:${port}${code}: ${options.cause.message}. ` +
        'Choose a free port with httpServer__port, or another interface with httpServer__host.',
      options,
    );
  }
}
