import { createServer } from 'node:net';

/**
 * Returns a loopback port that was free a moment ago. Nothing listens on it
 * afterwards, so connections to it are refused, unless a later test binds it.
 */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));

  if (address === null || typeof address === 'string') {
    throw new Error('The operating system returned no TCP port for a loopback listener.');
  }

  return address.port;
}
