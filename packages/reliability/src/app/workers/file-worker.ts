import { FileTokenRef, Input, Worker, type ResolvedFileToken, type WorkerHandler } from '@bevault-workers/core';

/** Input of {@link FileWorker}. */
export class FileInput {
  /** File token `<type>://<storeName>/<path>` of the file to read. */
  @FileTokenRef() source!: ResolvedFileToken;
}

/** Reads the file a token names and returns its store, path and size. */
@Worker('rel_files', { concurrency: 2, maxPollers: 1 })
@Input(FileInput)
export class FileWorker implements WorkerHandler<FileInput, { store: string; path: string; bytes: number }> {
  async handle(input: FileInput): Promise<{ store: string; path: string; bytes: number }> {
    const { store, path, token } = input.source;
    const stat = await store.stat(token);

    return { store: store.name, path, bytes: stat.size };
  }
}
