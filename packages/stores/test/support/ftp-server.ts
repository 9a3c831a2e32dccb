import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FtpSrv } from 'ftp-srv';

/** An FTP server (ftp-srv) running in this process on loopback, with one user. */
export interface RunningFtpServer {
  readonly port: number;
  readonly root: string;
  stop(): Promise<void>;
}

export const FTP_USER = 'bvw';
export const FTP_PASSWORD = 'ftp-test-password';

/** Logger with bunyan's shape that drops every entry, for ftp-srv, which logs through bunyan. */
const quietLog = (() => {
  const log: Record<string, unknown> = {};
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
    log[level] = () => undefined;
  }
  log.child = () => log;
  return log;
})();

/** Starts the server; with `tls`, it offers explicit FTPS with a fresh self-signed certificate. */
export async function startFtpServer(options: { tls?: boolean } = {}): Promise<RunningFtpServer> {
  const root = mkdtempSync(join(tmpdir(), 'bvw-ftp-'));
  const server = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: 41000,
    pasv_max: 41999,
    anonymous: false,
    greeting: 'bvw test server',
    log: quietLog as never,
    ...(options.tls === true ? { tls: selfSignedCertificate(root) } : {}),
  });
  server.on('login', ({ username, password }, resolve, reject) => {
    if (username === FTP_USER && password === FTP_PASSWORD) {
      resolve({ root });
    } else {
      reject(new Error('Invalid user name or password'));
    }
  });
  await server.listen();
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port,
    root,
    async stop() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function selfSignedCertificate(directory: string): { key: Buffer; cert: Buffer } {
  const key = join(directory, '..', `${directory.split('/').pop()}-key.pem`);
  const cert = join(directory, '..', `${directory.split('/').pop()}-cert.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
    stdio: 'ignore',
  });
  const material = { key: readFileSync(key), cert: readFileSync(cert) };
  rmSync(key);
  rmSync(cert);
  return material;
}
