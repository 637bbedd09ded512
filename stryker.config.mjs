// Mutation testing of the decision modules (npm run mutate): StrykerJS 9 with its vitest runner over the unit tests.
// Not part of npm test (it takes minutes); the score and its date are in the README.
/** @type {import('@stryker-mutator/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'utils/monitor-transition.ts',
    'utils/retry-schedule.ts',
    'utils/parse-quota-response.ts',
    'utils/status-codes.ts',
    'utils/forecast.ts',
    'utils/csv.ts',
    'utils/csv-values.ts',
    'utils/policy.ts',
    'utils/policy-read.ts',
    'utils/badge.ts',
    'utils/alerts.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 85, break: 85 },
};
