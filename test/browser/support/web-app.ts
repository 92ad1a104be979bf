/**
 * The web app the browser tests load: built once per run by the tier's global setup (Vite, ~10 s) into a folder of
 * its own, which every test file's API then serves at / (as `npm start` serves dist/web). Built from the sources,
 * so a test never runs against a stale dist/web.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the global setup tells the test files the built app is. */
export const WEB_DIR_ENV = 'VARDFLODE_TEST_WEB_DIR';

export async function buildWebAppForTests(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'vardflode-web-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWeb } = require('../../../infra/scripts/web.js') as { buildWeb(o: { quiet: boolean; out: string }): Promise<void> };
  await buildWeb({ quiet: true, out });
  return out;
}

/** The built app of this run, or an error saying the global setup did not build it. */
export function builtWebDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[WEB_DIR_ENV];
  if (!dir) throw new Error(`the web app was not built for the browser tests (${WEB_DIR_ENV} unset: did the browser tier's global setup run?)`);
  return dir;
}

export function removeBuiltWebApp(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[WEB_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
