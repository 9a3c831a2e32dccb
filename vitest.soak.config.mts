import { defineConfig } from 'vitest/config';

import baseConfig from './vitest.config.mjs';

/**
 * The long part of the reliability suite (`pnpm test:soak`): a memory soak of
 * 30 minutes by default (`RELIABILITY_SOAK_MINUTES`), twenty rolling deploys
 * and a minute of endpoint faults. The files run one after another so that
 * they do not disturb each other's timings; `vitest.config.mts` never picks
 * them up, because they end in `.soak.ts`.
 */
export default defineConfig({
  resolve: baseConfig.resolve,
  test: {
    root: 'packages/reliability',
    include: ['test/soak/**/*.soak.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60 * 60_000,
    reporters: ['default', '../../scripts/summary-reporter.mts'],
  },
});
