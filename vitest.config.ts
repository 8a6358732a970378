import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Statistical validation runs many replications; on two shared cores that can take a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Child processes isolate worker_threads pools and native modules (DuckDB) better than threads.
    pool: 'forks',
    // `npm test` = scripts/test.mjs, which adds the reporters (terminal + JSON for the count line).
  },
});
