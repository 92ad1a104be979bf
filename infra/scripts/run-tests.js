#!/usr/bin/env node
// `npm test`: typecheck and compile, lint, then jest's four tiers (unit tests; workflow tests on Temporal's
// time-skipping test server; integration tests on a real Temporal dev server and a real PostgreSQL that jest's global
// setup starts and stops; browser tests in a real Chromium against that same stack), then the API fuzz. The last
// line is jest's totals in the plain form `N passed, N failed`, read from jest's JSON results, so a run that executed
// no test shows.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const node = process.execPath;
// Entry points by path: packages' export maps do not all expose their bin files.
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const run = (label, args) => {
  console.log(`[test] ${label}`);
  const r = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
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
const status = run('jest (unit, workflow, integration and browser tiers)', [
  bin('jest', 'bin/jest.js'),
  '--json',
  `--outputFile=${resultsFile}`,
  ...process.argv.slice(2),
  // The `cluster` project (Temporal's own server, built with Go) runs only when asked for by name. Last, since
  // --selectProjects takes every word after it.
  ...(process.argv.includes('--selectProjects') ? [] : ['--selectProjects', 'unit', 'workflow', 'integration', 'browser']),
]);

if (!existsSync(resultsFile)) {
  console.log('0 passed, 0 failed');
  process.exit(status || 1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
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
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites + fuzz.failed + browserTier.failed + image.failed;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${results.numPassedTests + fuzz.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 ? status : results.numTotalTests === 0 || fuzz.failed || browserTier.failed || image.failed ? 1 : 0);
