import { createServer, type AddressInfo, type Server } from 'node:net';

import { afterAll, beforeAll } from 'vitest';

/**
 * Starts, for the enclosing suite, a TCP server on loopback that closes every connection at
 * once, standing in for a database server that cannot be reached. Returns a function that gives
 * its port.
 */
export function useClosingTcpServer(): () => number {
  let server: Server;

  beforeAll(async () => {
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  return () => (server.address() as AddressInfo).port;
}
