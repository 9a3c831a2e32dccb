import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server standing in for the GitLab REST API v4 endpoints the gitlab store uses:
 * project, repository files (raw and HEAD) and the paginated repository tree. It checks the
 * PRIVATE-TOKEN header and records every request.
 */
export class FakeGitlab {
  readonly requests: Array<{ method: string; url: string; token: string | undefined }> = [];
  private server: Server | undefined;

  constructor(
    readonly projectId: string,
    readonly token: string,
    /** Files by ref, then by repository path. */
    readonly files: Record<string, Record<string, string>>,
    readonly pageSize = 2,
  ) {}

  get baseUri(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const token = request.headers['private-token'] as string | undefined;
    this.requests.push({ method: request.method ?? '', url: request.url ?? '', token });
    if (token !== this.token) {
      return this.json(response, 401, { message: '401 Unauthorized' });
    }

    const url = new URL(request.url ?? '/', 'http://fake');
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const [api, version, projects, project, area, kind, file, raw] = segments;
    if (api !== 'api' || version !== 'v4' || projects !== 'projects' || project !== this.projectId) {
      return this.json(response, 404, { message: '404 Project Not Found' });
    }
    if (area === undefined) {
      return this.json(response, 200, { id: 42, path_with_namespace: this.projectId });
    }

    const ref = url.searchParams.get('ref') ?? 'main';
    const tree = this.files[ref];
    if (area === 'repository' && kind === 'files' && file !== undefined) {
      const content = tree?.[file];
      if (content === undefined) {
        return this.json(response, 404, { message: '404 File Not Found' });
      }
      if (raw === 'raw') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        return void response.end(content);
      }
      response.writeHead(200, { 'x-gitlab-size': String(Buffer.byteLength(content)), 'x-gitlab-file-path': file });
      return void response.end();
    }

    if (area === 'repository' && kind === 'tree') {
      if (tree === undefined) {
        return this.json(response, 404, { message: '404 Tree Not Found' });
      }
      const folder = url.searchParams.get('path');
      const blobs = Object.keys(tree)
        .sort()
        .filter((path) => folder === null || path.startsWith(`${folder}/`))
        .map((path) => ({ type: 'blob', path, name: path.split('/').pop() }));
      const page = Number(url.searchParams.get('page') ?? '1');
      const slice = blobs.slice((page - 1) * this.pageSize, page * this.pageSize);
      const hasNext = page * this.pageSize < blobs.length;
      response.setHeader('x-next-page', hasNext ? String(page + 1) : '');
      return this.json(response, 200, [{ type: 'tree', path: 'sql', name: 'sql' }, ...slice]);
    }
    this.json(response, 404, { message: '404 Not Found' });
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}
