#!/usr/bin/env node
// The web app (apps/web): its Vite configuration in one place, for the build (infra/scripts/build.js) and for
// `npm run dev:web` (hot reload on http://127.0.0.1:5173, the API's paths proxied to a running `npm start`).
// Plain JS so it runs before anything is compiled.
'use strict';
const { join } = require('node:path');
const { DIST_LAYOUT, inRepo } = require('./dist-layout');

const root = join(__dirname, '..', '..');
const webRoot = join(root, 'apps', 'web');
const outDir = inRepo(DIST_LAYOUT.web);

/** The API's top-level paths, proxied in dev mode so the app talks to its own origin as in production. */
const API_PATHS = ['/auth', '/tasks', '/cases', '/organisations', '/discharge-handovers', '/claims', '/mandates', '/coordination', '/indices', '/payment-liability', '/audit', '/health', '/docs', '/dev', '/situation-reports', '/statistics', '/transfers', '/reinforcements'];

function config(extra, out = outDir) {
  return {
    root: webRoot,
    configFile: false,
    base: '/',
    // No inline scripts or styles in index.html: the CSP allows scripts and styles from 'self' only.
    build: {
      outDir: out,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      target: 'es2022',
      rolldownOptions: {
        // Aksel's modules start with "use client" (for React Server Components); a client-only bundle may drop it.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    ...extra,
  };
}

/** Builds the app into `out` (dist/web by default; the browser tests build their own copy elsewhere). */
async function buildWeb({ quiet = false, out = outDir } = {}) {
  const { build } = await import('vite');
  await build(config({ logLevel: quiet ? 'error' : 'info' }, out));
}

async function devWeb() {
  const { createServer } = await import('vite');
  const api = process.env.WEB_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const server = await createServer(
    config({ server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: Object.fromEntries(API_PATHS.map((p) => [p, api])) } }),
  );
  await server.listen();
  server.printUrls();
}

module.exports = { buildWeb, outDir };

if (require.main === module) {
  devWeb().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
