/**
 * The browser tier's global setup: find Chromium once (so parallel test files do not race to unpack
 * @sparticuz/chromium), then the shared stack of test/support (Temporal dev server, embedded PostgreSQL, workflow
 * bundle; started once even when the integration tier runs too).
 *
 * A missing Chromium does not stop jest here: every browser test then fails with the reason (launchBrowser finds
 * none), so the other tiers still report and the run is red, never skipped.
 */
import sharedGlobalSetup from '../../support/global-setup';
import { findChromium, FOUND_CHROMIUM_ENV } from './chromium';
// The build's own Vite configuration (plain JS, infra/scripts/web.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWeb } = require('../../../infra/scripts/web') as { buildWeb(options: { quiet: boolean }): Promise<void> };

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  try {
    const found = await findChromium();
    process.env[FOUND_CHROMIUM_ENV] = JSON.stringify(found);
    console.log(`[browser] Chromium from ${found.source}: ${found.executablePath} (found in ${Date.now() - started} ms)`);
  } catch (error) {
    console.error(`[browser] ${(error as Error).message}`);
  }
  // The web app, built once per run from the sources (as `npm run build` does, schema.d.ts included): the test
  // APIs serve it at / (browser.ts, WEB_DIR).
  const web = Date.now();
  await buildWeb({ quiet: true });
  console.log(`[browser] web app built into dist/web in ${Date.now() - web} ms`);
  await sharedGlobalSetup();
}
