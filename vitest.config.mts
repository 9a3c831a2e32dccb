import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const __dirname = dirname(fileURLToPath(import.meta.url));

/** Workspace packages resolve to their sources so tests never need a build first. */
const workspaceAliases = {
  '@bevault-workers/core': resolve(__dirname, 'packages/core/src/index.ts'),
  '@bevault-workers/stores': resolve(__dirname, 'packages/stores/src/index.ts'),
  '@bevault-workers/states-local': resolve(__dirname, 'packages/states-local/src/index.ts'),
  '@bevault-workers/testing': resolve(__dirname, 'packages/testing/src/index.ts'),
};

const projectNames = ['states-local', 'stores', 'core', 'testing'];

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    reporters: ['default', './scripts/summary-reporter.mts'],
    // The AWS SDK version is pinned, and its NodeVersionSupportWarning concerns
    // later SDK releases: without this, every process on Node.js 20 prints it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      ...projectNames.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: resolve(__dirname, 'packages', name),
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'reliability',
          root: resolve(__dirname, 'packages/reliability'),
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true as const,
        test: {
          // Runs every benchmark scenario with --quick, from the sources, to prove it works.
          name: 'bench',
          root: resolve(__dirname, 'bench'),
          include: ['test/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true as const,
        test: {
          name: 'example',
          root: resolve(__dirname, 'apps/example'),
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
