import { posix } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';

import type { Client as FtpClient, FileInfo } from 'basic-ftp';

import type { StoreConfigReader } from '../config/store-config-reader';
import type { FileStat } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { BaseFileStore } from './base-file-store';
import { isTemporaryFileName, temporaryFileName } from './temporary-file-name';
import { UploadWritable } from './upload-writable';

/** Default FTP control port. @public */
export const DEFAULT_FTP_PORT = 21;

/** Default time to wait for the server, in seconds. @public */
export const DEFAULT_FTP_TIMEOUT_SECONDS = 30;

/** TLS mode of an FTP store. @public */
export type FtpEncryption = 'none' | 'explicit' | 'implicit';

/** basic-ftp's `secure` option for each encryption mode. */
const SECURE_OPTION: Record<FtpEncryption, boolean | 'implicit'> = { none: false, explicit: true, implicit: 'implicit' };

/** FTP reply code for a missing file or a refused action. */
const FILE_UNAVAILABLE = 550;

/**
 * Files on an FTP or FTPS server, through basic-ftp (type `ftp`, alias `ftps`). Config: `Host`
 * (alias `HostName`), `Port` (21), `Username` (alias `User`; `anonymous` by default),
 * `Password`, `Encryption` (`None`, `Explicit` or `Implicit`, as FluentFTP names them; `Secure:
 * true` means `Explicit`; type `ftps` defaults to `Explicit`), `RejectUnauthorized` (true: the
 * server certificate must be valid), `BasePath` (alias `Prefix`, `/` by default) and
 * `TimeoutSeconds` (30).
 *
 * FTP allows one transfer per connection, so every operation opens its own connection and
 * closes it when done; concurrent operations run on separate connections.
 *
 * Writes go to a temporary file next to the target, renamed over it once the upload completes,
 * so a failed upload leaves no file that looks complete. The rename replaces the target in one
 * step on servers that allow renaming onto an existing file (most do); on the others the
 * target is deleted first, so readers may briefly find no file.
 * @public
 */
export class FtpFileStore extends BaseFileStore {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly encryption: FtpEncryption;
  readonly basePath: string;

  private readonly password: string | undefined;
  private readonly rejectUnauthorized: boolean;
  private readonly timeoutMs: number;
  private readonly openClients = new Set<FtpClient>();

  constructor(context: StoreContext) {
    super(context);
    this.host = this.settings.requiredString(['host', 'hostName'], 'the server host');
    this.encryption = readEncryption(this.settings, context.definition.type.trim().toLowerCase() === 'ftps');
    this.port = this.settings.integer(['port'], { min: 1, max: 65_535 }) ?? (this.encryption === 'implicit' ? 990 : DEFAULT_FTP_PORT);
    this.username = this.settings.string(['username', 'user', 'userName']) ?? 'anonymous';
    this.password = this.settings.string(['password']);
    this.rejectUnauthorized = this.settings.boolean(['rejectUnauthorized', 'validateCertificate']) ?? true;
    this.basePath = this.settings.string(['basePath', 'prefix']) ?? '/';
    this.timeoutMs = (this.settings.integer(['timeoutSeconds', 'timeout', 'connectTimeoutSeconds'], { min: 1, max: 3600 }) ?? DEFAULT_FTP_TIMEOUT_SECONDS) * 1000;
  }

  async ping(): Promise<void> {
    try {
      await this.withClient((client) => client.pwd());
    } catch (error) {
      throw this.operationError('reach the FTP server', error);
    }
  }

  protected async closeConnections(): Promise<void> {
    for (const client of this.openClients) {
      client.close();
    }
    this.openClients.clear();
  }

  protected async readPath(path: string): Promise<Readable> {
    const remote = this.remotePath(path);
    const client = await this.connect();
    try {
      await client.size(remote);
    } catch (error) {
      this.release(client);
      throw isUnavailable(error) ? this.fileNotFound(path, error) : error;
    }

    const output = new PassThrough();
    client.downloadTo(output, remote).then(
      () => this.release(client),
      (error: unknown) => {
        this.release(client);
        output.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return output;
  }

  protected async writePath(path: string): Promise<Writable> {
    const remote = this.remotePath(path);
    const temporary = posix.join(posix.dirname(remote), temporaryFileName());
    await this.withClient((client) => client.ensureDir(posix.dirname(remote)));

    return new UploadWritable(async (body) => {
      await this.withClient(async (client) => {
        try {
          await client.uploadFrom(body, temporary);
          await this.replace(client, temporary, remote);
        } catch (error) {
          await this.removeTemporary(temporary);
          throw error;
        }
      });
    });
  }

  protected async deletePath(path: string): Promise<void> {
    await this.withClient((client) => client.remove(this.remotePath(path), true));
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    return this.withClient(async (client) => {
      const remote = this.remotePath(path);
      let size: number;
      try {
        size = await client.size(remote);
      } catch (error) {
        if (isUnavailable(error)) {
          return undefined;
        }
        throw error;
      }
      const modifiedAt = await client.lastMod(remote).catch(() => undefined);
      return { size, ...(modifiedAt === undefined ? {} : { modifiedAt }) };
    });
  }

  protected async listPaths(directory: string): Promise<string[]> {
    return this.withClient(async (client) => {
      const paths: string[] = [];
      const walk = async (relative: string): Promise<void> => {
        const entries: FileInfo[] = await client.list(relative === '' ? this.basePath : this.remotePath(relative));
        for (const entry of entries) {
          const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
          if (entry.isDirectory) {
            await walk(child);
          } else if (entry.isFile && !isTemporaryFileName(entry.name)) {
            paths.push(child);
          }
        }
      };
      // Servers reply to a LIST of a missing directory with different codes (450, 451, 550), so
      // the directory is looked up in its parent first.
      if (await this.directoryExists(client, directory)) {
        await walk(directory);
      }
      return paths;
    });
  }

  /** Tells whether a relative directory exists, by listing each parent down from the base. */
  private async directoryExists(client: FtpClient, relative: string): Promise<boolean> {
    let parent = '';
    for (const segment of relative === '' ? [] : relative.split('/')) {
      const listing = await client.list(parent === '' ? this.basePath : this.remotePath(parent));
      if (!listing.some((entry) => entry.isDirectory && entry.name === segment)) {
        return false;
      }
      parent = parent === '' ? segment : `${parent}/${segment}`;
    }
    return true;
  }

  private remotePath(path: string): string {
    return posix.join(this.basePath, path);
  }

  /**
   * Moves a finished temporary file over the target. RFC 959 leaves a rename onto an existing
   * file to the server, so when the rename fails the target is deleted and the rename retried.
   * NOTE: the tests never run that fallback, because ftp-srv renames onto an existing file.
   */
  private async replace(client: FtpClient, temporary: string, remote: string): Promise<void> {
    try {
      await client.rename(temporary, remote);
    } catch (error) {
      if (!isUnavailable(error)) {
        throw error;
      }
      await client.remove(remote, true);
      await client.rename(temporary, remote);
    }
  }

  /**
   * Deletes the temporary file of a failed write, on a new connection because a failed transfer
   * can leave the old one unusable. A failure here is logged and the write's own error reported.
   */
  private async removeTemporary(temporary: string): Promise<void> {
    try {
      await this.withClient((client) => client.remove(temporary, true));
    } catch (error) {
      this.logger.warn('FTP temporary file not removed after a failed write', {
        store: this.name,
        path: temporary,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async withClient<T>(operation: (client: FtpClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await operation(client);
    } finally {
      this.release(client);
    }
  }

  private async connect(): Promise<FtpClient> {
    this.assertOpen('open an FTP connection');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require('basic-ftp') as typeof import('basic-ftp');
    const client = new Client(this.timeoutMs);
    this.openClients.add(client);
    try {
      await client.access({
        host: this.host,
        port: this.port,
        user: this.username,
        password: this.password,
        secure: SECURE_OPTION[this.encryption],
        secureOptions: { rejectUnauthorized: this.rejectUnauthorized },
      });
    } catch (error) {
      this.release(client);
      throw error;
    }
    return client;
  }

  private release(client: FtpClient): void {
    client.close();
    this.openClients.delete(client);
  }
}

function readEncryption(settings: StoreConfigReader, secureByType: boolean): FtpEncryption {
  const entry = settings.find(['encryption', 'encryptionMode']);
  if (entry !== undefined) {
    const mode = String(entry.value).trim().toLowerCase();
    if (mode === 'none' || mode === 'explicit' || mode === 'implicit') {
      return mode;
    }
    if (mode === 'auto') {
      return 'explicit';
    }
    throw settings.invalid(entry, "must be 'None', 'Explicit' or 'Implicit'");
  }
  const secure = settings.boolean(['secure', 'useTls', 'ftps']);
  return (secure ?? secureByType) ? 'explicit' : 'none';
}

function isUnavailable(error: unknown): boolean {
  return (error as { code?: unknown }).code === FILE_UNAVAILABLE;
}
