// Where `npm run build` puts what production runs, in one place: the build (build.js, web.js) writes there, and the
// Dockerfile runs it. infra/docker/dockerfile.spec.ts holds both to this: the entry points are tsc's output of their
// sources (tsconfig.build.json: rootDir `.`, outDir `dist`, so apps/api/src/main.ts → dist/apps/api/src/main.js), and
// the Dockerfile, its entry point and package.json's start scripts run exactly these. Plain JS so it runs before
// anything is compiled.
'use strict';
const { join, posix } = require('node:path');

const root = join(__dirname, '..', '..');

/** Paths relative to the repository's root, which is also the image's working directory (/app). */
const DIST_LAYOUT = Object.freeze({
  /** Everything the build writes: tsc's output, the web app, the workflow bundle. */
  dist: 'dist',
  /** The web app (Vite), which the API serves at / (apps/api/src/common/web-app.ts). */
  web: posix.join('dist', 'web'),
  /** The prebuilt workflow bundle that production workers load (apps/worker/src/case-worker.ts). */
  workflowBundle: posix.join('dist', 'workflow-bundle.js'),
  /** The HTTP API, which also serves the web app (`npm run start:api`, the image's `api`). */
  apiMain: posix.join('dist', 'apps', 'api', 'src', 'main.js'),
  /** A Temporal worker of the case workflows and activities (`npm run start:worker`, the image's `worker`). */
  workerMain: posix.join('dist', 'apps', 'worker', 'src', 'main.js'),
  /** The image's HEALTHCHECK (infra/docker/healthcheck.ts). */
  healthcheck: posix.join('dist', 'infra', 'docker', 'healthcheck.js'),
});

/** A layout path as an absolute path in this checkout. */
const inRepo = (relative) => join(root, ...relative.split('/'));

module.exports = { DIST_LAYOUT, inRepo };
