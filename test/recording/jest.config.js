// `npm run record:histories` only: the integration tier's setup (a real Temporal dev server, a real PostgreSQL, the
// real worker), with the recorder as its one test file. Kept out of the four tiers: it rewrites fixtures.
const { join } = require('node:path');
const root = require('../../jest.config.js');

const integration = root.projects.find((p) => p.displayName === 'integration');

module.exports = {
  rootDir: join(__dirname, '..', '..'),
  testTimeout: 300_000,
  projects: [{ ...integration, rootDir: join(__dirname, '..', '..'), displayName: 'record', testMatch: ['<rootDir>/test/recording/**/*.record.ts'] }],
};
