import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Real-browser tests (tests/e2e): the built extension in system Chromium and Firefox ESR against
// the local scenario sites of tests/harness. One browser at a time on a small shared machine: no file
// parallelism, one worker, long timeouts, no retries (a flaky test is a bug to fix, not to retry).
export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    retry: 0,
  },
});
