import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// What Stryker runs for each mutant (`npm run mutate`): the unit tests of the pure core, as
// vitest.config.ts runs them, without the component tests (a DOM per run), the locale files and the
// benchmarks' own tests. ONLOOKER_MUTATE makes the few heavy tests smaller (still past every bound
// they check). (Not mergeConfig: it would append to `include` instead of replacing it.)
// ONLOOKER_MUTATE_TESTS (comma-separated globs) runs only the given test files: a static mutant (a
// module-level constant) runs every test it may reach, so on two cores a run of the whole unit set
// for each takes most of the time. A survivor of such a run may still be killed by another file.
const only = process.env.ONLOOKER_MUTATE_TESTS?.split(',').filter(Boolean);
export default defineConfig({
  plugins: [WxtVitest()],
  resolve: {
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./tests/support/fake-polyfill.ts', import.meta.url)) },
  },
  test: {
    include: only?.length ? only : ['tests/unit/**/*.test.ts'],
    exclude: ['tests/unit/bench.test.ts', 'tests/unit/locales.test.ts'],
    setupFiles: ['tests/support/setup.ts'],
    environment: 'node',
    // Mutants run two at a time on a machine that is busy anyway: no test is timed here.
    testTimeout: 30_000,
  },
});
