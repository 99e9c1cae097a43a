/** Mutation testing of the token lifecycle and the end-user authentication against the unit tests. */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js' },
  coverageAnalysis: 'perTest',
  // mutants in module-level code rerun every test each: 15 % of the mutants, 64 % of the time
  ignoreStatic: true,
  mutate: ['libs/uphold/src/token/**/*.ts', 'apps/identity-bff/src/auth/**/*.ts', '!**/*.spec.ts'],
  // two cores, shared: one test process per core at most
  concurrency: 2,
  // a fresh Jest worker takes seconds to load the Nest and jose modules on this machine
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench', 'deploy', 'clients', 'docs'],
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
};
