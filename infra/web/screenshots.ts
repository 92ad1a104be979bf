/**
 * `npm run screenshots`: the README's pictures of the real app, taken by script (re-run it after the screens
 * change). Starts the real stack as `npm run bench:web` does (scratch PostgreSQL, `npm start`'s launcher), then in
 * Chromium: Karolinska fills in Ny utskrivning for Tolvan Tolvansson (Skatteverket's test person) and sends it,
 * the case opens, and Solna kommun's inbox receives the task the workflow makes. Writes docs/ny-utskrivning.png,
 * docs/arende.png and docs/inkorg.png.
 */
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumForTests } from '../../test/browser/support/chromium';
import { startStack } from '../bench/web.bench';
import { freePort } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const log = (line: string) => console.log(`[screenshots] ${line}`);

async function person(browser: Browser, base: string, org: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption(org);
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
  return page;
}

async function shoot(page: Page, file: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
  await page.screenshot({ path: join(DOCS, file), fullPage: false });
  log(`docs/${file}`);
}

async function main(): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'vardflode-screenshots-'));
  chmodSync(scratch, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort(), database: 'vardflode_screenshots', log });
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let browser: Browser | undefined;
  try {
    log('starting the stack…');
    // A stay of March 2025 (fixed dates in the pictures), older than the default admission window allows.
    stack = await startStack(pg.url, join(scratch, 'data'), { DISCHARGE_ADMISSION_MAX_AGE_DAYS: '36500' });
    const found = await chromiumForTests();
    browser = await chromium.launch({ executablePath: found.executablePath, headless: true, args: ['--proxy-server=http://127.0.0.1:9', '--lang=sv-SE'] });

    const hospital = await person(browser, stack.base, 'KS', 'Helena Sjukhus');
    await hospital.getByRole('link', { name: 'Ny utskrivning' }).click();
    await hospital.getByRole('heading', { name: 'Ny utskrivning', level: 1 }).waitFor();
    await hospital.getByLabel('Personnummer').fill('19121212-1212');
    await hospital.getByLabel('Patientens namn').fill('Tolvan Tolvansson');
    await hospital.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Solna kommun' });
    await hospital.getByLabel('Vårdcentral', { exact: true }).selectOption({ label: 'Solna vårdcentral' });
    await hospital.getByLabel('Inskriven').fill('2025-03-03T08:00');
    await hospital.getByLabel('Beräknat utskrivningsdatum').fill('2025-03-10');
    await hospital.getByRole('radio', { name: 'Somatisk vård' }).check();
    await hospital.getByRole('checkbox', { name: 'Hemtjänst' }).check();
    await hospital.getByRole('checkbox', { name: 'Hemsjukvård i primärvården' }).check();
    await shoot(hospital, 'ny-utskrivning.png');
    await hospital.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
    await hospital.waitForURL(/\/arenden\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await hospital.getByRole('heading', { name: 'Sammanfattning till patienten' }).waitFor({ timeout: 30_000 });
    await shoot(hospital, 'arende.png');

    const municipality = await person(browser, stack.base, '0184', 'Kim Kommun');
    await municipality.locator('main table tbody tr').first().waitFor({ timeout: 60_000 });
    await shoot(municipality, 'inkorg.png');
  } finally {
    await browser?.close().catch(() => undefined);
    if (stack && stack.child.exitCode === null) {
      stack.child.kill('SIGINT');
      await once(stack.child, 'exit');
    }
    await pg.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(`screenshots failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
