import { posix } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { StoreFileNotFoundError } from '../errors/file-not-found-error';
import { InvalidFileTokenError } from '../errors/invalid-file-token-error';
import { ReadOnlyStoreError } from '../errors/read-only-store-error';
import { BaseStore } from '../stores/base-store';
import type { FileContent, FileStat, FileStore } from '../stores/store';
import { formatFileToken, normalizeFilePath, normalizeListPrefix, parseFileToken } from '../tokens/file-token';

/**
 * Common part of the file stores: tokens, file names, `write()` over `openWrite()`, list
 * filtering and the read-only guard. Subclasses implement the operations on relative paths.
 * @public
 */
export abstract class BaseFileStore extends BaseStore implements FileStore {
  readonly kind = 'file' as const;

  /** @defaultValue false */
  readonly readOnly: boolean = false;

  /** Opens a relative path for reading. */
  protected abstract readPath(path: string): Promise<Readable>;

  /** Opens a relative path for writing; the Writable finishes once the file is committed. */
  protected abstract writePath(path: string): Promise<Writable>;

  protected abstract deletePath(path: string): Promise<void>;

  /** Returns the stat of a relative path, or `undefined` when the file does not exist. */
  protected abstract statPath(path: string): Promise<FileStat | undefined>;

  /** Lists the relative paths of all files under a directory prefix (`''` for the base). */
  protected abstract listPaths(directory: string): Promise<string[]>;

  createFileToken(path: string): string {
    return formatFileToken(this.type, this.name, path);
  }

  getFileName(token: string): string {
    return posix.basename(this.pathOf(token));
  }

  async list(prefix = '', suffix = ''): Promise<string[]> {
    this.assertOpen('list files');
    const normalized = normalizeListPrefix(prefix);
    const directory = normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '';
    try {
      const paths = await this.listPaths(directory);
      return paths
        .filter((path) => path.startsWith(normalized) && path.endsWith(suffix))
        .sort()
        .map((path) => this.createFileToken(path));
    } catch (error) {
      throw this.operationError(`list files under '${normalized}'`, error);
    }
  }

  async openRead(token: string): Promise<Readable> {
    const path = this.pathOf(token);
    try {
      return await this.readPath(path);
    } catch (error) {
      throw this.operationError(`read '${path}'`, error);
    }
  }

  async openWrite(token: string): Promise<Writable> {
    const path = this.pathOf(token);
    this.assertWritable('openWrite');
    try {
      return await this.writePath(path);
    } catch (error) {
      throw this.operationError(`write '${path}'`, error);
    }
  }

  async write(token: string, content: FileContent): Promise<void> {
    const source = content instanceof Readable ? content : Readable.from([typeof content === 'string' ? Buffer.from(content) : content]);
    const destination = await this.openWrite(token);
    try {
      await pipeline(source, destination);
    } catch (error) {
      throw this.operationError(`write '${this.pathOf(token)}'`, error);
    }
  }

  async delete(token: string): Promise<void> {
    const path = this.pathOf(token);
    this.assertWritable('delete');
    try {
      await this.deletePath(path);
    } catch (error) {
      throw this.operationError(`delete '${path}'`, error);
    }
  }

  async exists(token: string): Promise<boolean> {
    const path = this.pathOf(token);
    try {
      return (await this.statPath(path)) !== undefined;
    } catch (error) {
      throw this.operationError(`check '${path}'`, error);
    }
  }

  async stat(token: string): Promise<FileStat> {
    const path = this.pathOf(token);
    let stat: FileStat | undefined;
    try {
      stat = await this.statPath(path);
    } catch (error) {
      throw this.operationError(`stat '${path}'`, error);
    }
    if (stat === undefined) {
      throw this.fileNotFound(path);
    }
    return stat;
  }

  /**
   * Returns the relative path of a token of this store.
   * @throws InvalidFileTokenError when the token is malformed, names another store or has a
   * scheme other than this store's type.
   */
  protected pathOf(token: string): string {
    this.assertOpen('use a file token');
    const parsed = parseFileToken(token);
    if (parsed.storeName.toLowerCase() !== this.name.toLowerCase()) {
      throw new InvalidFileTokenError(token, `it names store '${parsed.storeName}', not '${this.name}'`);
    }
    if (parsed.type !== this.type.toLowerCase()) {
      throw new InvalidFileTokenError(token, `the scheme '${parsed.type}' does not match the type of store '${this.name}' (${this.type})`);
    }
    return normalizeFilePath(parsed.path);
  }

  /** Builds the error for a missing file. */
  protected fileNotFound(path: string, cause?: unknown): Error {
    return new StoreFileNotFoundError(this.name, path, cause === undefined ? undefined : { cause });
  }

  private assertWritable(operation: string): void {
    if (this.readOnly) {
      throw new ReadOnlyStoreError(this.name, operation);
    }
  }
}
