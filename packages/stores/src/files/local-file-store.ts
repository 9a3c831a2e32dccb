import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { FileStat } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { BaseFileStore } from './base-file-store';
import { isTemporaryFileName, temporaryFileName } from './temporary-file-name';
import { UploadWritable } from './upload-writable';

/**
 * Files in a local directory (type `file`). Config: `BasePath` (aliases `Path`, `Directory`,
 * `Root`), required; a relative path resolves against the working directory. The directory is
 * created on the first write.
 *
 * Writes go to a temporary file next to the target, renamed into place once complete, so readers
 * never see a partial file.
 *
 * Symbolic links inside the base directory are followed only while their target stays under
 * the base: a path that leads through a link to a place outside it is rejected.
 * @public
 */
export class LocalFileStore extends BaseFileStore {
  /** Absolute path of the base directory. */
  readonly basePath: string;

  constructor(context: StoreContext) {
    super(context);
    this.basePath = resolve(this.settings.requiredString(['basePath', 'path', 'directory', 'root'], 'the base directory'));
  }

  async ping(): Promise<void> {
    try {
      await stat(this.basePath);
    } catch (error) {
      throw this.operationError(`access the base directory '${this.basePath}'`, error);
    }
  }

  protected async closeConnections(): Promise<void> {
    // A directory holds no connection.
  }

  protected async readPath(path: string): Promise<Readable> {
    const absolute = await this.containedPath(path);
    const stream = createReadStream(absolute);
    await new Promise<void>((resolveOpen, rejectOpen) => {
      stream.once('open', () => resolveOpen());
      stream.once('error', (error: NodeJS.ErrnoException) => rejectOpen(error.code === 'ENOENT' || error.code === 'EISDIR' ? this.fileNotFound(path, error) : error));
    });
    return stream;
  }

  protected async writePath(path: string): Promise<Writable> {
    const absolute = await this.containedPath(path);
    await mkdir(dirname(absolute), { recursive: true });
    const temporary = join(dirname(absolute), temporaryFileName());

    return new UploadWritable(async (body) => {
      try {
        await pipeline(body, createWriteStream(temporary));
        await rename(temporary, absolute);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    });
  }

  protected async deletePath(path: string): Promise<void> {
    await rm(await this.containedPath(path), { force: true });
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    try {
      const stats = await stat(await this.containedPath(path));
      return stats.isFile() ? { size: stats.size, modifiedAt: stats.mtime } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  protected async listPaths(directory: string): Promise<string[]> {
    const root = directory === '' ? this.basePath : await this.containedPath(directory);
    let entries;
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    return entries
      .filter((entry) => entry.isFile() && !isTemporaryFileName(entry.name))
      .map((entry) => relative(this.basePath, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
  }

  /**
   * Joins a checked relative path to the base, then resolves symbolic links along it and checks
   * that the real location also stays under the real base directory.
   */
  private async containedPath(path: string): Promise<string> {
    const absolute = this.absolutePath(path);
    const realBase = await realpathOrUndefined(this.basePath);
    if (realBase === undefined) {
      // No base directory yet, so no link inside it can lead anywhere.
      return absolute;
    }

    const realTarget = await realpathOfDeepestExisting(absolute);
    const inside = relative(realBase, realTarget);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new Error(`Path '${path}' leads through a symbolic link outside the base directory of store '${this.name}'.`);
    }
    return absolute;
  }

  /** Joins a checked relative path to the base, and checks the result stays under it. */
  private absolutePath(path: string): string {
    const absolute = resolve(this.basePath, ...path.split('/'));
    const inside = relative(this.basePath, absolute);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new Error(`Path '${path}' resolves outside the base directory of store '${this.name}'.`);
    }
    return absolute;
  }
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** Real path of `path`, or of its deepest existing ancestor joined with the missing rest. */
async function realpathOfDeepestExisting(path: string): Promise<string> {
  let existing = path;
  const missing: string[] = [];

  for (;;) {
    const real = await realpathOrUndefined(existing);
    if (real !== undefined) {
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    }

    const parent = dirname(existing);
    if (parent === existing) {
      return path;
    }
    missing.push(basename(existing));
    existing = parent;
  }
}
