/**
 * The unit project for mutation testing (`npm run test:mutation`), limited to the specs of the
 * libraries and folders that are mutated: the e2e suite is too slow to run per mutant.
 */
const { projects } = require('./jest.config');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  testTimeout: 30_000,
  testMatch: [
    '<rootDir>/libs/uphold/src/**/*.spec.ts',
    '<rootDir>/apps/identity-bff/src/auth/**/*.spec.ts',
  ],
};
