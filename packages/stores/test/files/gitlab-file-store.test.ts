import { text } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GitlabFileStore, ReadOnlyStoreError, StoreFileNotFoundError, StoreOperationError } from '@bevault-workers/stores';

import { buildStore } from '../support/build-store';
import { FakeGitlab } from '../support/fake-gitlab';

describe(GitlabFileStore.name, () => {
  const gitlab = new FakeGitlab('data/warehouse', 'glpat-secret-token', {
    main: { 'sql/load.sql': 'select 1;', 'sql/views/v1.sql': 'create view v1', 'sql/views/v2.sql': 'create view v2', 'README.md': '# repo' },
    'release-1': { 'sql/load.sql': 'select 0;' },
  });
  let store: GitlabFileStore;

  beforeAll(async () => {
    await gitlab.start();
    store = buildStore<GitlabFileStore>({
      Name: 'repo',
      Type: 'gitlab',
      Config: { BaseUri: `${gitlab.baseUri}/`, ProjectId: 'data/warehouse', AccessToken: 'glpat-secret-token' },
    });
  });

  afterAll(async () => {
    await store.close();
    await gitlab.stop();
  });

  describe('openRead', () => {
    it('reads a file at the branch named first in the path', async () => {
      expect(await text(await store.openRead('gitlab://repo/main/sql/load.sql'))).toBe('select 1;');
      expect(await text(await store.openRead('gitlab://repo/release-1/sql/load.sql'))).toBe('select 0;');
    });

    it('encodes the project and the file path and sends the token as PRIVATE-TOKEN', async () => {
      await store.openRead(store.createFileToken('main/sql/views/v1.sql'));
      expect(gitlab.requests.at(-1)).toEqual({
        method: 'GET',
        url: '/api/v4/projects/data%2Fwarehouse/repository/files/sql%2Fviews%2Fv1.sql/raw?ref=main',
        token: 'glpat-secret-token',
      });
    });

    it('rejects a missing file with StoreFileNotFoundError', async () => {
      await expect(store.openRead('gitlab://repo/main/missing.sql')).rejects.toBeInstanceOf(StoreFileNotFoundError);
    });

    it('rejects a path without a file after the branch', async () => {
      await expect(store.openRead('gitlab://repo/main')).rejects.toThrow(
        "Path 'main' of store 'repo' has no file after the branch: use <branch>/<path>, like 'main/README.md'.",
      );
    });
  });

  describe('exists and stat', () => {
    it('reports the size from the files API', async () => {
      expect(await store.exists('gitlab://repo/main/README.md')).toBe(true);
      expect(await store.stat('gitlab://repo/main/README.md')).toEqual({ size: 6 });
      expect(await store.exists('gitlab://repo/main/nothing.md')).toBe(false);
    });
  });

  describe('list', () => {
    it('follows pagination and filters by prefix and suffix', async () => {
      expect(await store.list('main/sql/', '.sql')).toEqual([
        'gitlab://repo/main/sql/load.sql',
        'gitlab://repo/main/sql/views/v1.sql',
        'gitlab://repo/main/sql/views/v2.sql',
      ]);
    });

    it('needs the branch in the prefix', async () => {
      await expect(store.list()).rejects.toThrow("Store 'repo' lists files by branch: pass a prefix that starts with the branch, like 'main/'.");
    });

    it('returns nothing for an unknown branch', async () => {
      expect(await store.list('no-branch/')).toEqual([]);
    });
  });

  describe('writes', () => {
    it('rejects openWrite, write and delete as read-only', async () => {
      await expect(store.openWrite('gitlab://repo/main/x.sql')).rejects.toThrow(new ReadOnlyStoreError('repo', 'openWrite'));
      await expect(store.write('gitlab://repo/main/x.sql', 'x')).rejects.toBeInstanceOf(ReadOnlyStoreError);
      await expect(store.delete('gitlab://repo/main/README.md')).rejects.toThrow("Store 'repo' is read-only: delete is not supported.");
      expect(store.readOnly).toBe(true);
    });
  });

  describe('ping', () => {
    it('succeeds with a valid token', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('fails with a rejected token, naming the HTTP status but not the token', async () => {
      const intruder = buildStore<GitlabFileStore>({
        Name: 'intruder',
        Type: 'gitlab',
        Config: { url: gitlab.baseUri, project: 'data/warehouse', privateToken: 'wrong-token-value' },
      });
      const error = await intruder.ping().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(StoreOperationError);
      expect(error?.message).toBe("Store 'intruder' failed to read the project: GitLab returned HTTP 401 Unauthorized");
      expect(String(error?.stack)).not.toContain('wrong-token-value');
    });

    it('fails when the server is unreachable', async () => {
      const offline = buildStore<GitlabFileStore>({ Name: 'offline', Type: 'gitlab', Config: { baseUri: 'http://127.0.0.1:1', projectId: '1' } });
      await expect(offline.ping()).rejects.toThrow(/^Store 'offline' failed to reach the GitLab project: fetch failed/);
    });
  });
});
