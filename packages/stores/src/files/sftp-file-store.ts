import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';

import type SftpClient from 'ssh2-sftp-client';

import { StoreConfigurationError } from '../errors/store-configuration-error';
import type { FileStat } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { BaseFileStore } from './base-file-store';
import { isTemporaryFileName, temporaryFileName } from './temporary-file-name';
import { UploadWritable } from './upload-writable';

/** Default SSH port. @public */
export const DEFAULT_SFTP_PORT = 22;

/** Default time to establish the SSH connection, in seconds. @public */
export const DEFAULT_SFTP_CONNECT_TIMEOUT_SECONDS = 20;

/**
 * Bytes asked per SFTP read request. Against OpenSSH on loopback, 256 KiB requests read about
 * three times faster than ssh2's 64 KiB default (bench/copy-1gib.ts).
 */
const SFTP_READ_CHUNK_BYTES = 256 * 1024;

/** Error code of ssh2-sftp-client for a missing connection. */
const NOT_CONNECTED = 'ERR_NOT_CONNECTED';

/**
 * Files on an SFTP server, through ssh2 (type `sftp`). Config: `Host` (alias `HostName`),
 * `Port` (22), `Username` (alias `User`), `Password`, `KeyPath` (aliases `KeyFilename`,
 * `PrivateKeyPath`) or `PrivateKey` (the key text), `KeyPassword` (alias `Passphrase`),
 * `BasePath` (alias `Prefix`; `/` by default; a relative base resolves against the login
 * directory), `HostKeyFingerprint` (`SHA256:...` as printed by `ssh-keygen -lf`) and
 * `ConnectTimeoutSeconds` (20).
 *
 * One SSH connection is opened on first use and shared by concurrent operations; it is reopened
 * when the server drops it. Writes go to a temporary file renamed into place once complete.
 *
 * NOTE: without `HostKeyFingerprint` the server's host key is accepted without a check, as the
 * Python library does.
 * @public
 */
export class SftpFileStore extends BaseFileStore {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly basePath: string;

  private readonly password: string | undefined;
  private readonly keyPath: string | undefined;
  private readonly privateKey: string | undefined;
  private readonly passphrase: string | undefined;
  private readonly fingerprint: string | undefined;
  private readonly connectTimeoutMs: number;
  private client: Promise<SftpClient> | undefined;

  constructor(context: StoreContext) {
    super(context);
    this.host = this.settings.requiredString(['host', 'hostName'], 'the server host');
    this.port = this.settings.integer(['port'], { min: 1, max: 65_535 }) ?? DEFAULT_SFTP_PORT;
    this.username = this.settings.requiredString(['username', 'user', 'userName'], 'the user name');
    this.password = this.settings.string(['password']);
    this.keyPath = this.settings.string(['keyPath', 'keyFilename', 'privateKeyPath']);
    this.privateKey = this.settings.string(['privateKey']);
    this.passphrase = this.settings.string(['keyPassword', 'passphrase']);
    this.fingerprint = this.settings.string(['hostKeyFingerprint', 'fingerprint'])?.replace(/^SHA256:/i, '').replace(/=+$/, '');
    this.basePath = this.settings.string(['basePath', 'prefix']) ?? '/';
    this.connectTimeoutMs = (this.settings.integer(['connectTimeoutSeconds', 'timeout'], { min: 1, max: 3600 }) ?? DEFAULT_SFTP_CONNECT_TIMEOUT_SECONDS) * 1000;

    if (this.password === undefined && this.keyPath === undefined && this.privateKey === undefined) {
      throw new StoreConfigurationError(`Store '${this.name}' has no credentials: set 'Password', 'KeyPath' or 'PrivateKey' in its Config.`);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.withClient((client) => client.realPath('.'));
    } catch (error) {
      throw this.operationError('reach the SFTP server', error);
    }
  }

  protected async closeConnections(): Promise<void> {
    const pending = this.client;
    this.client = undefined;
    const client = await pending?.catch(() => undefined);
    await client?.end();
  }

  protected async readPath(path: string): Promise<Readable> {
    const remote = this.remotePath(path);
    const stat = await this.statPath(path);
    if (stat === undefined) {
      throw this.fileNotFound(path);
    }
    const stream = await this.withClient(async (client) => client.createReadStream(remote, { highWaterMark: SFTP_READ_CHUNK_BYTES }) as Readable);
    // ssh2 closes the remote handle after the last byte. If the connection ends meanwhile, that close
    // fails when no listener is left, which would crash the process, so the late error is logged.
    stream.once('end', () => {
      stream.on('error', (error: Error) => this.logger.debug('SFTP read stream closed with an error', { store: this.name, error: error.message }));
    });
    return stream;
  }

  protected async writePath(path: string): Promise<Writable> {
    const remote = this.remotePath(path);
    const directory = posix.dirname(remote);
    const temporary = posix.join(directory, temporaryFileName());
    await this.withClient(async (client) => {
      if ((await client.exists(directory)) !== 'd') {
        await client.mkdir(directory, true);
      }
    });

    return new UploadWritable(async (body) => {
      const client = await this.connectedClient();
      try {
        await client.put(body, temporary);
        await this.replace(client, temporary, remote);
      } catch (error) {
        await client.delete(temporary, true).catch(() => undefined);
        throw error;
      }
    });
  }

  protected async deletePath(path: string): Promise<void> {
    await this.withClient((client) => client.delete(this.remotePath(path), true));
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    return this.withClient(async (client) => {
      try {
        const stats = await client.stat(this.remotePath(path));
        return stats.isFile ? { size: stats.size, modifiedAt: new Date(stats.modifyTime) } : undefined;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    });
  }

  protected async listPaths(directory: string): Promise<string[]> {
    return this.withClient(async (client) => {
      const paths: string[] = [];
      const walk = async (relative: string): Promise<void> => {
        const remote = relative === '' ? this.basePath : this.remotePath(relative);
        if ((await client.exists(remote)) !== 'd') {
          return;
        }
        for (const entry of await client.list(remote)) {
          const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
          if (entry.type === 'd') {
            await walk(child);
          } else if (entry.type === '-' && !isTemporaryFileName(entry.name)) {
            paths.push(child);
          }
        }
      };
      await walk(directory);
      return paths;
    });
  }

  private remotePath(path: string): string {
    return posix.join(this.basePath, path);
  }

  /** Moves a finished temporary file over the target, with the OpenSSH atomic rename when offered. */
  private async replace(client: SftpClient, temporary: string, remote: string): Promise<void> {
    try {
      await client.posixRename(temporary, remote);
    } catch {
      await client.delete(remote, true);
      await client.rename(temporary, remote);
    }
  }

  /** Runs an operation, reconnecting once when the connection was lost. */
  private async withClient<T>(operation: (client: SftpClient) => Promise<T>): Promise<T> {
    const client = await this.connectedClient();
    try {
      return await operation(client);
    } catch (error) {
      if ((error as { code?: unknown }).code !== NOT_CONNECTED) {
        throw error;
      }
      this.client = undefined;
      return operation(await this.connectedClient());
    }
  }

  private connectedClient(): Promise<SftpClient> {
    this.assertOpen('open an SFTP connection');
    this.client ??= this.connect().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async connect(): Promise<SftpClient> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Client = require('ssh2-sftp-client') as typeof SftpClient;
    const client = new Client(`bvw-${this.name}`);
    const privateKey = this.privateKey ?? (this.keyPath === undefined ? undefined : await readFile(this.keyPath, 'utf8'));

    await client.connect({
      host: this.host,
      port: this.port,
      sock: await this.openSocket(),
      username: this.username,
      password: this.password,
      privateKey,
      passphrase: this.passphrase,
      readyTimeout: this.connectTimeoutMs,
      ...(this.fingerprint === undefined ? {} : { hostVerifier: (key: Buffer) => this.verifyHostKey(key) }),
    });
    client.on('close', () => {
      void this.forget(client);
    });
    this.logger.debug('SFTP connection opened', { store: this.name, host: this.host, port: this.port });
    return client;
  }

  /**
   * Opens the TCP connection with Nagle's algorithm off: SFTP sends each write as a small request
   * and waits for its reply, so delayed ACKs would otherwise cost 40 ms per request.
   */
  private openSocket(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port, timeout: this.connectTimeoutMs });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.removeListener('error', reject);
        resolve(socket);
      });
      socket.once('timeout', () => socket.destroy(new Error(`Connection to ${this.host}:${this.port} timed out`)));
      socket.once('error', reject);
    });
  }

  private async forget(client: SftpClient): Promise<void> {
    if (this.client !== undefined && (await this.client.catch(() => undefined)) === client) {
      this.client = undefined;
    }
  }

  private verifyHostKey(key: Buffer): boolean {
    const actual = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    if (actual !== this.fingerprint) {
      this.logger.error('SFTP host key rejected', { store: this.name, host: this.host, fingerprint: `SHA256:${actual}` });
      return false;
    }
    return true;
  }
}
