// Mutation testing of the decision modules (npm run mutate): StrykerJS 9 with its vitest runner over the unit tests.
// Not part of npm test (it takes minutes); the score and its date are in the README.
/** @type {import('@stryker-mutator/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'utils/monitor/monitor-transition.ts',
    'utils/monitor/retry-schedule.ts',
    'utils/qcc/parse-quota-response.ts',
    'utils/qcc/status-codes.ts',
    'utils/history/forecast.ts',
    'utils/history/csv.ts',
    'utils/history/csv-values.ts',
    'utils/settings/policy.ts',
    'utils/settings/policy-read.ts',
    'utils/alerts/badge.ts',
    'utils/alerts/alerts.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 85, break: 85 },
};
