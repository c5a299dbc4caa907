import { defineConfig } from 'vitest/config';

// Unit tests only (e2e runs under @playwright/test). Browser-backed unit tests launch real
// Chromium, so keep concurrency low on these 2-core machines.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // The dispatcher checks every handler result against the contract's result schema.
    env: { CRAWLWRIGHT_CHECK_RESULTS: '1' },
  },
});
