#!/usr/bin/env node
// Compiles the TypeScript into dist/, builds the web app into dist/web (which the API serves at /), and prebuilds
// the workflow bundle that production workers load (so a worker never bundles at start). Plain JS so it runs before
// anything is compiled.
//
// The web app's API types come from the API as just compiled: its OpenAPI document (written without a server, by
// dist/infra/web/openapi.cli.js) → openapi-typescript → apps/web/src/api/schema.d.ts → `tsc -p apps/web`. An API
// change that breaks a screen therefore fails this build.
'use strict';
const { execFileSync } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { buildWeb } = require('./web');
const { DIST_LAYOUT, inRepo } = require('./dist-layout');

const root = join(__dirname, '..', '..');
// --quiet: nothing on stdout (for scripts whose stdout is their answer, e.g. `npm run token`).
// --no-bundle: compile only (the workflow bundle is for workers, the web app for people).
// --no-web: everything but the web app.
// --brief: one line when done (for `npm start`, whose terminal a person reads); errors still show in full.
const quietMode = process.argv.includes('--quiet');
const briefMode = !quietMode && process.argv.includes('--brief');
const bundle = !process.argv.includes('--no-bundle');
const web = bundle && !process.argv.includes('--no-web');
const say = (line) => (quietMode || briefMode ? undefined : console.log(line));
// A step's own output: to stderr in quiet mode, dropped in brief mode (its errors go to stderr either way).
const stepStdout = quietMode ? 2 : briefMode ? 'ignore' : 'inherit';
const started = Date.now();
say('[build] compiling TypeScript (tsconfig.build.json)…');
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: ['ignore', stepStdout, 'inherit'],
    cwd: root,
  });
} catch {
  console.error('[build] TypeScript compilation failed');
  process.exit(1);
}

/** Runs a Node script of the build; its output goes to stderr in quiet mode, and a failure ends the build. */
function step(what, args) {
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', stepStdout, 'inherit'], cwd: root });
  } catch {
    console.error(`[build] ${what} failed`);
    process.exit(1);
  }
}

async function buildWebApp() {
  const openapi = join(root, 'dist', 'openapi.json');
  say('[build] web app: OpenAPI document → apps/web/src/api/schema.d.ts…');
  step('the OpenAPI document', [join(root, 'dist', 'infra', 'web', 'openapi.cli.js'), openapi]);
  step('openapi-typescript', [join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), openapi, '--output', join(root, 'apps', 'web', 'src', 'api', 'schema.d.ts'), '--silent']);
  say('[build] web app: typechecking against the API (tsc -p apps/web)…');
  step('the web app typecheck (an API change the web app does not follow?)', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'apps', 'web', 'tsconfig.json')]);
  say('[build] web app: bundling (Vite) into dist/web…');
  await buildWeb({ quiet: quietMode || briefMode });
}

(async () => {
  if (!bundle) return;
  if (web) await buildWebApp();
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'workflows', 'index.ts'),
    // Failures raised in workflow code travel encoded (sealed by the payload codec), as the worker's own do.
    failureConverterPath: join(root, 'libs', 'crypto', 'src', 'failure-converter.ts'),
    // Tracing's workflow interceptors: the one list, as just compiled (libs/telemetry/src/workflow-interceptor-modules.ts).
    workflowInterceptorModules: require(join(root, 'dist', 'libs', 'telemetry', 'src', 'workflow-interceptor-modules.js')).WORKFLOW_INTERCEPTOR_MODULES,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(inRepo(DIST_LAYOUT.workflowBundle), code);
  (briefMode ? console.log : say)(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/, ${web ? 'dist/web/, ' : ''}dist/workflow-bundle.js)`);
})().catch((err) => {
  console.error('[build] web app or workflow bundle failed:', err);
  process.exit(1);
});
