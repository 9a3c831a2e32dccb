import { Readable, type Writable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { ReadOnlyStoreError } from '../errors/read-only-store-error';
import { StoreError } from '../errors/store-error';
import { StoreOperationError } from '../errors/store-operation-error';
import type { FileStat } from '../stores/store';
import type { StoreContext } from '../stores/store-context';
import { BaseFileStore } from './base-file-store';

/** Time to wait for the response headers of a GitLab API call, in seconds. @public */
export const DEFAULT_GITLAB_TIMEOUT_SECONDS = 30;

/** Entries per page of the repository tree API (its maximum). */
const TREE_PAGE_SIZE = 100;

/**
 * Read-only files of a GitLab repository, through the repository files API (type `gitlab`).
 * Config: `BaseUri` (aliases `Url`, `BaseUrl`), the GitLab address; `ProjectId` (alias
 * `Project`), a numeric id or a `group/project` path; `AccessToken` (aliases `PrivateToken`,
 * `Token`), sent as `PRIVATE-TOKEN`, optional for public projects; `TimeoutSeconds` (30).
 *
 * Paths start with the branch (or tag, or commit): `gitlab://store/main/sql/load.sql` reads
 * `sql/load.sql` at `main`. `list()` therefore needs a prefix that starts with the branch. Writes
 * and deletes reject with `ReadOnlyStoreError`. `stat()` reports the size but no modification
 * time, which the files API does not return.
 * @public
 */
export class GitlabFileStore extends BaseFileStore {
  override readonly readOnly = true;

  readonly baseUri: string;
  readonly projectId: string;

  private readonly accessToken: string | undefined;
  private readonly timeoutMs: number;

  constructor(context: StoreContext) {
    super(context);
    this.baseUri = this.settings.requiredString(['baseUri', 'url', 'baseUrl'], 'the GitLab address').replace(/\/+$/, '');
    this.projectId = this.settings.requiredString(['projectId', 'project'], 'the project id');
    this.accessToken = this.settings.string(['accessToken', 'privateToken', 'token']);
    this.timeoutMs = (this.settings.integer(['timeoutSeconds', 'timeout'], { min: 1, max: 3600 }) ?? DEFAULT_GITLAB_TIMEOUT_SECONDS) * 1000;
  }

  async ping(): Promise<void> {
    try {
      const response = await this.request('');
      await response.body?.cancel();
      this.assertOk(response, 'read the project');
    } catch (error) {
      throw this.operationError('reach the GitLab project', error);
    }
  }

  protected async closeConnections(): Promise<void> {
    // fetch keeps no connection that belongs to this store.
  }

  protected async readPath(path: string): Promise<Readable> {
    const { ref, file } = this.splitRef(path);
    const response = await this.request(`/repository/files/${encodeURIComponent(file)}/raw?ref=${encodeURIComponent(ref)}`);
    if (response.status === 404) {
      await response.body?.cancel();
      throw this.fileNotFound(path);
    }
    this.assertOk(response, `read '${path}'`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  protected async writePath(): Promise<Writable> {
    throw new ReadOnlyStoreError(this.name, 'openWrite');
  }

  protected async deletePath(): Promise<void> {
    throw new ReadOnlyStoreError(this.name, 'delete');
  }

  protected async statPath(path: string): Promise<FileStat | undefined> {
    const { ref, file } = this.splitRef(path);
    const response = await this.request(`/repository/files/${encodeURIComponent(file)}?ref=${encodeURIComponent(ref)}`, 'HEAD');
    if (response.status === 404) {
      return undefined;
    }
    this.assertOk(response, `stat '${path}'`);
    return { size: Number(response.headers.get('x-gitlab-size') ?? 0) };
  }

  protected async listPaths(directory: string): Promise<string[]> {
    if (directory === '') {
      throw new StoreError(`Store '${this.name}' lists files by branch: pass a prefix that starts with the branch, like 'main/'.`);
    }
    const slash = directory.indexOf('/');
    const ref = slash === -1 ? directory : directory.slice(0, slash);
    const folder = slash === -1 ? '' : directory.slice(slash + 1);

    const paths: string[] = [];
    for (let page: string | null = '1'; page !== null && page !== ''; ) {
      const query = `ref=${encodeURIComponent(ref)}&recursive=true&per_page=${TREE_PAGE_SIZE}&page=${page}${folder === '' ? '' : `&path=${encodeURIComponent(folder)}`}`;
      const response = await this.request(`/repository/tree?${query}`);
      if (response.status === 404) {
        await response.body?.cancel();
        return [];
      }
      this.assertOk(response, `list '${directory}'`);
      const entries = (await response.json()) as Array<{ type: string; path: string }>;
      for (const entry of entries) {
        if (entry.type === 'blob') {
          paths.push(`${ref}/${entry.path}`);
        }
      }
      page = response.headers.get('x-next-page');
    }
    return paths;
  }

  /** Splits `branch/path/to/file` into the ref and the repository path. */
  private splitRef(path: string): { ref: string; file: string } {
    const slash = path.indexOf('/');
    if (slash === -1) {
      throw new StoreError(`Path '${path}' of store '${this.name}' has no file after the branch: use <branch>/<path>, like 'main/README.md'.`);
    }
    return { ref: path.slice(0, slash), file: path.slice(slash + 1) };
  }

  /** Calls the project API; the timeout covers the wait for headers, not the body download. */
  private async request(relative: string, method = 'GET'): Promise<Response> {
    const url = `${this.baseUri}/api/v4/projects/${encodeURIComponent(this.projectId)}${relative}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`GitLab request timed out after ${this.timeoutMs / 1000} s`)), this.timeoutMs);
    try {
      return await fetch(url, {
        method,
        headers: this.accessToken === undefined ? {} : { 'PRIVATE-TOKEN': this.accessToken },
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private assertOk(response: Response, operation: string): void {
    if (!response.ok) {
      void response.body?.cancel();
      throw new StoreOperationError(this.name, operation, { cause: new Error(`GitLab returned HTTP ${response.status} ${response.statusText}`) });
    }
  }
}
