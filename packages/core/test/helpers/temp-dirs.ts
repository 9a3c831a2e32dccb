import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

/** Returns a function that makes fresh temporary directories, removed after each test. */
export function useTempDirs(): () => string {
  const created: string[] = [];
  afterEach(() => {
    for (const dir of created.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'bvw-core-'));
    created.push(dir);
    return dir;
  };
}
