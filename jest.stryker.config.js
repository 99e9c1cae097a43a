/** The unit project alone, for mutation testing (`npm run test:mutation`): the e2e suite is too slow to run per mutant. */
const { projects } = require('./jest.config');

module.exports = projects.find((project) => project.displayName === 'unit');
