/**
 * Rejection of `WorkerApplication.listen()` when the application was closed
 * before it started polling, for example while the endpoint was unreachable.
 * `start()` resolves in that case, as after any graceful shutdown.
 *
 * @public
 */
export class ApplicationClosedError extends Error {
  override readonly name = 'ApplicationClosedError';

  constructor() {
    super('The worker application was closed before it started polling.');
  }
}
