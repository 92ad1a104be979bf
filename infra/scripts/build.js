#!/usr/bin/env node
// Compiles the TypeScript into dist/ and prebuilds the workflow bundle that production workers load
// (so a worker never bundles at start). Plain JS so it runs before anything is compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const started = Date.now();
console.log('[build] compiling TypeScript (tsconfig.build.json)…');
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
} catch {
  console.error('[build] TypeScript compilation failed');
  process.exit(1);
}

(async () => {
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'workflows', 'index.ts'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'workflow-bundle.js'), code);
  console.log(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/, dist/workflow-bundle.js)`);
})().catch((err) => {
  console.error('[build] workflow bundle failed:', err);
  process.exit(1);
});
