import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests run in Node against WXT's fake browser. The real-browser tests live in
// tests/e2e and have their own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./tests/support/fake-polyfill.ts', import.meta.url)) },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.tsx'],
    setupFiles: ['tests/support/setup.ts', 'tests/support/late-parts.ts'],
    environment: 'node',
    // Property tests and hostile-page tests do real work; on a shared 2-core machine they can take
    // seconds. A timeout here is a hang detector, never a speed check (speed is measured in bench/).
    testTimeout: 60_000,
  },
});
