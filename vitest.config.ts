import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    // Most tests wait on a spawned CLI. Vitest's default (one worker per core but one) leaves
    // a core idle on a two-core machine such as CI's: one per core takes ~30% off the run.
    maxWorkers: '100%',
  },
});
