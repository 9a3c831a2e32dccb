import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Input, TaskFailure, Worker, type TaskContext, type WorkerHandler } from '@bevault-workers/core';
import { GzipInput } from './gzip.input';

/** Output of the `gzip` worker. */
export interface GzipOutput {
  /** File token of the file written. */
  readonly fileToken: string;
  /** Whether the input file was deleted. */
  readonly sourceDeleted: boolean;
}

/** Error codes of the failures the `gzip` worker reports. */
export const gzipErrors = {
  invalidTarget: 'Gzip.InvalidTarget',
  invalidData: 'Gzip.InvalidData',
} as const;

function defaultTargetPath(path: string, input: GzipInput): string {
  if (input.mode === 'compress') {
    return `${path}.gz`;
  }
  if (!path.toLowerCase().endsWith('.gz')) {
    throw new TaskFailure(gzipErrors.invalidTarget, `Cannot name the decompressed file of ${input.fileToken.token} because its name does not end with .gz. Give targetPath`);
  }
  return path.slice(0, -'.gz'.length);
}

/**
 * Compresses a file of a file store with gzip, or decompresses a gzip file,
 * streaming from the store to the store, and returns the token of the new file.
 */
@Worker('gzip')
@Input(GzipInput)
export class GzipWorker implements WorkerHandler<GzipInput, GzipOutput> {
  async handle(input: GzipInput, task: TaskContext): Promise<GzipOutput> {
    const { store, path, token } = input.fileToken;
    const targetPath = input.targetPath ?? defaultTargetPath(path, input);
    const targetToken = store.createFileToken(targetPath);
    if (targetToken === store.createFileToken(path)) {
      throw new TaskFailure(gzipErrors.invalidTarget, `targetPath ${targetPath} is the input file itself. Give another path`);
    }

    const transform = input.mode === 'compress' ? createGzip({ level: input.level }) : createGunzip();
    const source = await store.openRead(token);
    const target = await store.openWrite(targetToken);
    try {
      await pipeline(source, transform, target, { signal: task.signal });
    } catch (error) {
      if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_')) {
        throw new TaskFailure(gzipErrors.invalidData, `${token} is not valid gzip data: ${error.message}`, { cause: error });
      }
      throw error;
    }

    if (input.deleteSource) {
      await store.delete(token);
    }
    task.logger.info('File written', { mode: input.mode, source: token, target: targetToken });
    return { fileToken: targetToken, sourceDeleted: input.deleteSource };
  }
}
