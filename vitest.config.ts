import { defineConfig } from 'vitest/config';

// Unit tests and the security suite (e2e runs under @playwright/test). The security suite drives
// the built product (CLI and web-mode server as child processes), so `npm run build` comes first
// (npm test does). Browser-backed tests launch real Chromium: keep concurrency low on 2 cores.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/security/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // The dispatcher checks every handler result against the contract's result schema.
    env: { CRAWLWRIGHT_CHECK_RESULTS: '1' },
  },
});
