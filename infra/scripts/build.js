#!/usr/bin/env node
// Compiles the TypeScript into dist/ and prebuilds the workflow bundle that production workers load
// (so a worker never bundles at start). Plain JS so it runs before anything is compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
// --quiet: nothing on stdout (for scripts whose stdout is their answer, e.g. `npm run token`).
// --no-bundle: compile only (the workflow bundle is for workers).
const quietMode = process.argv.includes('--quiet');
const bundle = !process.argv.includes('--no-bundle');
const say = (line) => (quietMode ? undefined : console.log(line));
const started = Date.now();
say('[build] compiling TypeScript (tsconfig.build.json)…');
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: ['ignore', quietMode ? 2 : 'inherit', 'inherit'],
    cwd: root,
  });
} catch {
  console.error('[build] TypeScript compilation failed');
  process.exit(1);
}

(async () => {
  if (!bundle) return;
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'workflows', 'index.ts'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'workflow-bundle.js'), code);
  say(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/, dist/workflow-bundle.js)`);
})().catch((err) => {
  console.error('[build] workflow bundle failed:', err);
  process.exit(1);
});
