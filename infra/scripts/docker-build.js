#!/usr/bin/env node
// `npm run docker:build`: builds the Dockerfile's image where Docker runs, tagged vardflode:<version> (DOCKER_TAG to
// change it), and checks that the image holds what its commands run and that the Temporal SDK's native part loads in
// it. Where Docker does not run (no `docker` on PATH, or no daemon answering it) it prints "skipped: no Docker" and
// exits 0: the image is for deployments, and `npm test` never needs Docker. CI (.ci/run) runs it before the tests.
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { DIST_LAYOUT } = require('./dist-layout');

const root = join(__dirname, '..', '..');
const { version } = require(join(root, 'package.json'));
const tag = process.env.DOCKER_TAG || `vardflode:${version}`;

/** Why Docker cannot build here, or undefined when it can. */
function noDocker() {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error && r.error.code === 'ENOENT') return 'docker is not on PATH';
  if (r.error) return `docker did not answer (${r.error.message})`;
  if (r.status !== 0) {
    const last = `${r.stderr || ''}`.trim().split('\n').pop();
    return `docker is on PATH, but no Docker daemon answers it${last ? `: ${last}` : ''}`;
  }
  return undefined;
}

const why = noDocker();
if (why) {
  console.log(`[docker] skipped: no Docker (${why}); the image is built where Docker runs`);
  process.exit(0);
}

const docker = (label, args) => {
  console.log(`[docker] ${label}`);
  const r = spawnSync('docker', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[docker] ${label} failed`);
    process.exit(r.status || 1);
  }
};

docker(`building ${tag} (Dockerfile)`, ['build', '--tag', tag, '.']);
const expected = [DIST_LAYOUT.apiMain, DIST_LAYOUT.workerMain, DIST_LAYOUT.healthcheck, DIST_LAYOUT.workflowBundle, `${DIST_LAYOUT.web}/index.html`];
docker(`checking ${tag}: ${expected.join(', ')}; the Temporal SDK's native bridge loads`, [
  'run', '--rm', '--entrypoint', 'node', tag, '-e',
  `const fs = require('node:fs');
   const missing = ${JSON.stringify(expected)}.filter((f) => !fs.existsSync(f));
   if (missing.length) { console.error('missing in the image: ' + missing.join(', ')); process.exit(1); }
   require('@temporalio/worker');
   if (process.getuid() === 0) { console.error('the image runs as root'); process.exit(1); }`,
]);
console.log(`[docker] built ${tag}: \`docker run ${tag} api\` or \`docker run ${tag} worker\` (README.md, "Deploying to production")`);
