/**
 * Which Chromium the browser tier drives. Playwright's own browser download cannot reach its CDN from our machines,
 * so the first one found of:
 *   1. the executable named in CHROMIUM_PATH (e.g. a developer's own Chrome or Chromium);
 *   2. the Chromium inside the npm package @sparticuz/chromium (a devDependency, so `npm ci` brings it; its
 *      executablePath() unpacks it once into the temporary folder);
 *   3. Debian's `chromium` package at /usr/bin/chromium.
 * None found is an error, never a skipped test: the tier must not turn green without a browser.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';

export const CHROMIUM_ENV = 'CHROMIUM_PATH';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Where the tier's global setup leaves what it found, for the test files (JSON of FoundChromium). */
export const FOUND_CHROMIUM_ENV = 'VARDFLODE_TEST_CHROMIUM';

export interface FoundChromium {
  executablePath: string;
  source: 'env' | '@sparticuz/chromium' | 'debian';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @sparticuz/chromium is an ES module; jest's CommonJS module loader cannot load it, so a short-lived Node process
 * asks it for the path (about 1.5 s the first time, when it unpacks; 0.1 s after).
 */
async function sparticuzChromium(): Promise<string> {
  const script = "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath());";
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: __dirname,
    timeout: 120_000,
  });
  return stdout.trim();
}

export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  sparticuz: () => Promise<string> = sparticuzChromium,
  debianPath: string = DEBIAN_CHROMIUM,
): Promise<FoundChromium> {
  const tried: string[] = [];
  const fromEnv = env[CHROMIUM_ENV];
  if (fromEnv) {
    // Named on purpose: a wrong path is the developer's mistake to see, not a reason to fall back quietly.
    if (isExecutable(fromEnv)) return { executablePath: fromEnv, source: 'env' };
    throw new Error(`${CHROMIUM_ENV}=${fromEnv} is not an executable file`);
  }
  tried.push(`${CHROMIUM_ENV} (not set)`);
  try {
    const path = await sparticuz();
    if (path && isExecutable(path)) return { executablePath: path, source: '@sparticuz/chromium' };
    tried.push(`@sparticuz/chromium (gave ${path || 'no path'}, not executable)`);
  } catch (error) {
    tried.push(`@sparticuz/chromium (${(error as Error).message.split('\n')[0]})`);
  }
  if (isExecutable(debianPath)) return { executablePath: debianPath, source: 'debian' };
  tried.push(`${debianPath} (absent)`);
  throw new Error(
    `No Chromium for the browser tests. Tried: ${tried.join('; ')}. Run \`npm ci\` (it installs @sparticuz/chromium), ` +
      `install Debian's chromium package, or set ${CHROMIUM_ENV} to a Chromium or Chrome executable.`,
  );
}

/** What the global setup found, or a search of this process's own when it found none (and so the reason why). */
export async function chromiumForTests(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  const found = env[FOUND_CHROMIUM_ENV];
  if (found) {
    const parsed = JSON.parse(found) as FoundChromium;
    if (isExecutable(parsed.executablePath)) return parsed;
  }
  return findChromium(env);
}
