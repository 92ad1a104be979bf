#!/usr/bin/env node
// `npm test`: typecheck and compile, lint, then jest's four tiers (unit tests; workflow tests on Temporal's
// time-skipping test server; integration tests on a real Temporal dev server and a real PostgreSQL that jest's global
// setup starts and stops; browser tests in a real Chromium against that same stack), then a smoke subset of the
// integration tier on Temporal's own server as a cluster of four services (`npm run test:cluster` runs all of it
// there), then the API fuzz. The last line is jest's totals in the plain form `N passed, N failed`, read from jest's
// JSON results, so a run that executed no test shows.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const node = process.execPath;
// Entry points by path: packages' export maps do not all expose their bin files.
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const run = (label, args, env = process.env) => {
  console.log(`[test] ${label}`);
  const r = spawnSync(node, args, { cwd: root, stdio: 'inherit', env });
  return r.status ?? 1;
};

// One compile type-checks everything and emits dist/, whose CLIs (e.g. audit:verify) the tests run for real.
if (run('typecheck and compile (tsc)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// The web app against the API's types as committed (the build regenerates them from the API and checks again).
if (run('typecheck the web app (tsc -p apps/web)', [bin('typescript', 'bin/tsc'), '-p', join('apps', 'web', 'tsconfig.json')]) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (run('lint (eslint)', [bin('eslint', 'bin/eslint.js'), '.']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const resultsDir = mkdtempSync(join(tmpdir(), 'vardflode-jest-'));
const resultsFile = join(resultsDir, 'results.json');
const status = run('jest (unit, workflow, integration, browser and stack tiers)', [
  bin('jest', 'bin/jest.js'),
  '--json',
  `--outputFile=${resultsFile}`,
  ...process.argv.slice(2),
  // The `cluster` project (Temporal's own server, built with Go) runs only when asked for by name. Last, since
  // --selectProjects takes every word after it.
  ...(process.argv.includes('--selectProjects') ? [] : ['--selectProjects', 'unit', 'workflow', 'integration', 'browser', 'stack']),
]);

if (!existsSync(resultsFile)) {
  console.log('0 passed, 0 failed');
  process.exit(status || 1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));

// The whole suite (no jest arguments) then runs a smoke subset of the integration tier against a Temporal cluster
// (frontend, history, matching and worker as four processes on PostgreSQL) instead of the dev server: the case
// runtime, a schedule-driven process and a multi-region one. The whole tier there: `npm run test:cluster`.
const CLUSTER_SMOKE = ['case-kernel.api.spec.ts', 'situation-reports.api.spec.ts', 'transfers.api.spec.ts'].map((f) =>
  join('test', 'integration', f),
);
let smoke = { numPassedTests: 0, numFailedTests: 0, numRuntimeErrorTestSuites: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 0 };
let smokeStatus = 0;
if (process.argv.length === 2) {
  const smokeFile = join(resultsDir, 'cluster-smoke.json');
  const started = Date.now();
  smokeStatus = run(
    'cluster smoke (integration subset on a Temporal cluster: four services on PostgreSQL)',
    [bin('jest', 'bin/jest.js'), ...CLUSTER_SMOKE, '--selectProjects', 'integration', '--json', `--outputFile=${smokeFile}`],
    { ...process.env, VARDFLODE_TEST_TEMPORAL_MODE: 'cluster' },
  );
  console.log(`[test] cluster smoke took ${Math.round((Date.now() - started) / 1000)} s`);
  if (existsSync(smokeFile)) smoke = JSON.parse(readFileSync(smokeFile, 'utf8'));
  else smoke.numRuntimeErrorTestSuites = 1; // it could not run: a failure, not a quieter green
}
rmSync(resultsDir, { recursive: true, force: true });

// The whole suite (no jest arguments) ends with the API fuzz: Schemathesis with every check, once per token of
// five organisations and roles, against a stack of its own (`npm run test:api-fuzz`, about 3 minutes). It counts
// as one test. It needs the workflow bundle, which the build makes.
let fuzz = { passed: 0, failed: 0 };
if (process.argv.length === 2) {
  const built = run('build (for the API fuzz)', [join(root, 'infra', 'scripts', 'build.js')]) === 0;
  const fuzzed = built && run('API fuzz (schemathesis, every check, five tokens)', [join(root, 'dist', 'infra', 'fuzz', 'api-fuzz.js')]) === 0;
  fuzz = fuzzed ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

// The deployment image (Dockerfile): built and checked where a Docker daemon answers; elsewhere it says it skipped.
let image = { failed: 0 };
if (process.argv.length === 2 && run('deployment image (docker:build; skipped without Docker)', [join(root, 'infra', 'scripts', 'docker-build.js')]) !== 0) image = { failed: 1 };

// The whole suite must have run the browser tier: a tier that matched no file (or was left out) is a failure, not
// a quieter green. (A missing Chromium fails each browser test by itself.)
let browserTier = { failed: 0 };
if (process.argv.length === 2) {
  const ran = results.testResults.filter((r) => r.name.split(/[\\/]/).join('/').includes('/test/browser/')).length;
  if (ran === 0) {
    console.log('[test] the browser tier ran no test file: counted as a failure');
    browserTier = { failed: 1 };
  }
}

// A suite that could not run counts as a failure, so it cannot hide behind a green total.
const failed =
  results.numFailedTests +
  results.numRuntimeErrorTestSuites +
  smoke.numFailedTests +
  smoke.numRuntimeErrorTestSuites +
  fuzz.failed +
  browserTier.failed +
  image.failed;
const skipped = results.numPendingTests + results.numTodoTests + smoke.numPendingTests + smoke.numTodoTests;
console.log(`${results.numPassedTests + smoke.numPassedTests + fuzz.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(
  status !== 0
    ? status
    : smokeStatus !== 0
      ? smokeStatus
      : results.numTotalTests === 0 || fuzz.failed || browserTier.failed || image.failed
        ? 1
        : 0,
);
