// Mutation testing of the pure core (`npm run mutate`; not part of `npm test`: on two cores a full
// run takes hours). Stryker changes one operator, condition or constant at a time and runs the unit
// tests that cover it; a mutant no test notices ("survived") is a line the tests do not really check.
// A subset: `npm run mutate -- --mutate utils/tab-store.ts`. Scores are recorded in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [
    'utils/recorder.ts',
    'utils/tab-store.ts',
    'utils/monitor.ts',
    'utils/recent-set.ts',
    'utils/page-view.ts',
    'utils/url-parts.ts',
    'utils/storage/*.ts',
    'utils/headers/*.ts',
    'utils/assess/*.ts',
    'utils/report/*.ts',
    'utils/badge.ts',
    'utils/memory/classify.ts',
    'utils/addresses.ts',
    'utils/hosts.ts',
  ],
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: process.env.ONLOOKER_MUTATE_REPORT ?? 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
