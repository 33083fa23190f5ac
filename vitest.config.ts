import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    // Most tests wait on a spawned CLI. Vitest's default (one worker per core but one) leaves
    // a core idle on a two-core machine such as CI's: one per core takes ~30% off the run.
    maxWorkers: '100%',
    // Test files share their worker's modules instead of importing src/ again each: a fifth of the
    // suite's CPU. Tests restore what they change (environment variables, FIXERS), so order does not matter.
    isolate: false,
  },
});
