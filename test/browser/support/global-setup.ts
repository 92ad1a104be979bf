/**
 * The browser tier's global setup: find Chromium once (so parallel test files do not race to unpack
 * @sparticuz/chromium), then the shared stack of test/support (Temporal dev server, embedded PostgreSQL, workflow
 * bundle; started once even when the integration tier runs too), and the web app, built once into a folder the test
 * files' APIs serve.
 *
 * A missing Chromium does not stop jest here: every browser test then fails with the reason (launchBrowser finds
 * none), so the other tiers still report and the run is red, never skipped.
 */
import sharedGlobalSetup from '../../support/global-setup';
import { findChromium, FOUND_CHROMIUM_ENV } from './chromium';
import { buildWebAppForTests, WEB_DIR_ENV } from './web-app';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  try {
    const found = await findChromium();
    process.env[FOUND_CHROMIUM_ENV] = JSON.stringify(found);
    console.log(`[browser] Chromium from ${found.source}: ${found.executablePath} (found in ${Date.now() - started} ms)`);
  } catch (error) {
    console.error(`[browser] ${(error as Error).message}`);
  }
  const building = Date.now();
  process.env[WEB_DIR_ENV] = await buildWebAppForTests();
  console.log(`[browser] web app built into ${process.env[WEB_DIR_ENV]} in ${Date.now() - building} ms`);
  await sharedGlobalSetup();
}
