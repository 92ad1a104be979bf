/**
 * The browser tier's harness: a real Chromium driven by playwright-core, against the real stack of a test file (the
 * shared Temporal dev server and embedded PostgreSQL of test/support's global setup; this file's own database, task
 * queue, worker and API, the API listening on 127.0.0.1 on a free port).
 *
 *   const stack = useBrowserStack();
 *   it('…', async () => {
 *     const nurse = await stack.newPerson('sjukhuset', { org: 'KS', roles: ['discharge_planner'] });
 *     await nurse.page.goto('/');
 *     …
 *     await expectNoSeriousA11yViolations(nurse.page);
 *   });
 *
 * Each person is a browser context of their own (own cookies and storage), as three people on three computers.
 * A failed test leaves a screenshot of every open page in test-results/browser/ (git-ignored), its path printed.
 * The browser reaches nothing but loopback: every other address goes to a proxy that does not exist.
 */
import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { Role } from '../../../libs/auth/src/principal';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { startTestApi, startTestWorker, testConfig, TestWorker, tokenFor } from '../../support/test-app';
import { chromiumForTests, FoundChromium } from './chromium';
import { currentTest } from './test-state';
import { builtWebDir } from './web-app';

const log = (line: string) => console.log(`[browser] ${line}`);

/** Nothing listens on the discard port of loopback: a request to anywhere but loopback fails at once. */
const NO_PROXY = 'http://127.0.0.1:9';

export interface LaunchedBrowser {
  browser: Browser;
  chromium: FoundChromium;
  /** From the start of the search for Chromium until it answers. */
  launchMs: number;
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
  const started = Date.now();
  const found = await chromiumForTests();
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    // Chromium's implicit bypass keeps loopback direct; everything else goes to the dead proxy.
    args: [`--proxy-server=${NO_PROXY}`, '--lang=sv-SE'],
    // Playwright talks to Chromium over a pipe: the browser opens no port.
    timeout: 60_000,
  });
  const launchMs = Date.now() - started;
  log(`Chromium ${browser.version()} (${found.source}: ${found.executablePath}) ready in ${launchMs} ms`);
  return { browser, chromium: found, launchMs };
}

/** Where failed tests leave their screenshots: VARDFLODE_SCREENSHOT_DIR, or test-results/browser (git-ignored). */
export function screenshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VARDFLODE_SCREENSHOT_DIR ?? resolve(__dirname, '..', '..', '..', 'test-results', 'browser');
}

/** A file name from a test's name: letters, digits and dashes only (test names are ours, never personal data). */
export function screenshotFileName(testName: string, label: string, at: Date = new Date()): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'unnamed';
  return `${slug(testName)}--${slug(label)}--${at.toISOString().replace(/[:.]/g, '-')}.png`;
}

/**
 * Screenshots of `pages` for a failed test, each path printed; returns the paths. A page that cannot be captured
 * (closed, crashed) is reported and skipped: the test's own failure is the one that matters.
 */
export async function saveFailureScreenshots(
  pages: { label: string; page: Page }[],
  testName: string,
  dir: string = screenshotDir(),
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const saved: string[] = [];
  for (const { label, page } of pages) {
    const path = join(dir, screenshotFileName(testName, label));
    try {
      await page.screenshot({ path, fullPage: true, timeout: 10_000 });
      saved.push(path);
      log(`screenshot of failed test "${testName}" (${label}): ${path}`);
    } catch (error) {
      log(`no screenshot of ${label} for "${testName}": ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return saved;
}

export interface A11yViolationSummary {
  id: string;
  impact: string;
  help: string;
  nodes: number;
}

/** Where on the page axe looks (CSS selectors); by default the whole page. */
export interface A11yScope {
  include?: string[];
  exclude?: string[];
}

/**
 * axe-core's violations of impact serious or critical on the page as it is now (all its rules: WCAG 2.x A and AA,
 * and its best practices). axe takes about 0.5 s on a small page and 7 s on Swagger UI's 90 operations: its cost
 * grows with the page's elements, so a test of a long list may scope it.
 */
export async function seriousA11yViolations(page: Page, scope: A11yScope = {}): Promise<A11yViolationSummary[]> {
  let axe = new AxeBuilder({ page });
  for (const selector of scope.include ?? []) axe = axe.include(selector);
  for (const selector of scope.exclude ?? []) axe = axe.exclude(selector);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, nodes: v.nodes.length }));
}

/** Fails with the rule ids (and what each asks for) when axe finds a serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, scope: A11yScope = {}): Promise<void> {
  const violations = await seriousA11yViolations(page, scope);
  if (violations.length > 0) {
    const lines = violations.map((v) => `  ${v.id} (${v.impact}, ${v.nodes} element${v.nodes === 1 ? '' : 's'}): ${v.help}`);
    throw new Error(`axe found ${violations.length} serious or critical violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

export interface PersonOptions {
  /** The organisation's code, e.g. 'KS', '0125', 'VC-EKERO' */
  org: string;
  roles: Role[];
  personId?: string;
  /** The name the person signs in with (default: the label). */
  name?: string;
  /** The computer's time zone (default Europe/Stockholm), e.g. a laptop still on New York time. */
  timezoneId?: string;
}

/** One person at one computer: a browser context of their own and a page in it. */
export interface Person {
  label: string;
  context: BrowserContext;
  page: Page;
  /** A bearer token of the API's dev issuer for this person (for API calls beside the app; the app signs in itself). */
  token: string;
  /** The name, organisation and roles the person signs in with. */
  name: string;
  org: string;
  roles: Role[];
  /**
   * Opens `path` (default /) as if typed into the address bar, signs in there through the app's development sign-in
   * (organisation, roles, name) and waits for the signed-in header; the app then shows the screen at `path`. The
   * session lives in the page's memory only: any later typed address (page.goto) needs a sign-in again.
   */
  signIn(path?: string): Promise<void>;
}

/** The app's development sign-in, as a person would fill it in. */
export async function signInThroughApp(page: Page, who: { org: string; roles: Role[]; name: string }, path = '/'): Promise<void> {
  await page.goto(path);
  // (exact role and name: while the options load, a loader titled "Hämtar organisationer" matches a looser label)
  await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption(who.org);
  const roles = page.getByRole('group', { name: 'Roller' }).getByRole('checkbox');
  for (const box of await roles.all()) await box.setChecked(who.roles.includes((await box.getAttribute('value')) as Role));
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(who.name);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

export type Visitor = Pick<Person, 'label' | 'context' | 'page'>;

export interface BrowserStack {
  config: AppConfig;
  app: INestApplication;
  worker?: TestWorker;
  /** http://127.0.0.1:<port>: the API, which serves the web app at / */
  baseUrl: string;
  browser: Browser;
  launched: LaunchedBrowser;
  /** A new browser context for one person, its relative URLs resolved against baseUrl. */
  newPerson(label: string, options: PersonOptions): Promise<Person>;
  /** A new context with no person (a visitor who has not signed in). */
  newVisitor(label?: string): Promise<Visitor>;
  /** Every page open in the contexts this stack made, labelled by person. */
  openPages(): { label: string; page: Page }[];
  /** Closes the contexts made so far (the harness does it after each test). */
  closeContexts(): Promise<void>;
  /** Closes the browser, then the API and the worker. */
  stop(): Promise<void>;
}

export interface BrowserStackOptions {
  /** Settings over testConfig's (e.g. HISTORIC_STAYS). */
  overrides?: Record<string, string>;
  /** Start the real worker too (default true: the scenarios need workflows to run). */
  worker?: boolean;
  /** The API's port (default: any free one), for a test that must know the app's origin before it starts. */
  port?: number;
  /** The built web app the API serves at / (default: the one the tier's global setup built). */
  webDir?: string;
}

export async function startBrowserStack(options: BrowserStackOptions = {}): Promise<BrowserStack> {
  const config = await testConfig(options.overrides ?? {});
  const worker = options.worker === false ? undefined : await startTestWorker(config);
  let app: INestApplication | undefined;
  let launched: LaunchedBrowser | undefined;
  try {
    app = await startTestApi(config, { webDir: options.webDir ?? builtWebDir() });
    await app.listen(options.port ?? 0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    launched = await launchBrowser();
    const browser = launched.browser;
    const contexts: { label: string; context: BrowserContext }[] = [];

    const newContext = async (label: string, timezoneId = 'Europe/Stockholm') => {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'sv-SE', timezoneId });
      contexts.push({ label, context });
      return context;
    };
    const stack: BrowserStack = {
      config,
      app,
      worker,
      baseUrl,
      browser,
      launched,
      async newPerson(label, { org, roles, personId, name = label, timezoneId }) {
        const token = await tokenFor(config, org, roles, personId);
        const context = await newContext(label, timezoneId);
        const page = await context.newPage();
        return { label, context, page, token, name, org, roles, signIn: (path?: string) => signInThroughApp(page, { org, roles, name }, path) };
      },
      async newVisitor(label = 'visitor') {
        const context = await newContext(label);
        return { label, context, page: await context.newPage() };
      },
      openPages() {
        return contexts.flatMap(({ label, context }) =>
          context.pages().map((page, i, all) => ({ label: all.length > 1 ? `${label}-${i + 1}` : label, page })),
        );
      },
      async closeContexts() {
        const closing = contexts.splice(0);
        await Promise.allSettled(closing.map(({ context }) => context.close()));
      },
      async stop() {
        await stack.closeContexts();
        await browser.close();
        await app?.close();
        await worker?.stop();
      },
    };
    return stack;
  } catch (error) {
    await launched?.browser.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The stack of one describe block: started before its tests, stopped after them. After each test, a failed test's
 * pages are screenshotted and every context is closed, so each test begins with no one signed in.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function useBrowserStack(options: BrowserStackOptions = {}): BrowserStack {
  const holder = {} as { stack?: BrowserStack };
  beforeAll(async () => {
    holder.stack = await startBrowserStack(options);
  }, 120_000);
  afterEach(async () => {
    const stack = holder.stack;
    if (!stack) return;
    const test = currentTest();
    if (test?.failed) await saveFailureScreenshots(stack.openPages(), test.name);
    await stack.closeContexts();
  });
  afterAll(async () => {
    await holder.stack?.stop();
  });
  // The fields exist only after beforeAll: a proxy reads them then, and says so if read too early.
  return new Proxy({} as BrowserStack, {
    get(_target, key) {
      if (!holder.stack) throw new Error(`the browser stack is not started yet (read .${String(key)} inside a test)`);
      const value = holder.stack[key as keyof BrowserStack];
      return typeof value === 'function' ? value.bind(holder.stack) : value;
    },
  });
}
