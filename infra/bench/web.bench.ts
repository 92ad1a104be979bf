/**
 * `npm run bench:web`: the web app at 1,000 open tasks. Starts the real stack (`npm start`'s launcher: Temporal dev
 * server, the API serving dist/web, the worker) on a scratch PostgreSQL, gives one organisation (Solna, 0184) 1,000
 * open tasks, then in Chromium (the browser tier's finder: CHROMIUM_PATH, @sparticuz/chromium, Debian's) measures,
 * over several runs in fresh browser contexts (cold cache), the time from navigation to the first inbox row:
 *
 *   load    navigation start → the sign-in screen ready (HTML, the initial JS and CSS, React's first render)
 *   inbox   the sign-in sent → the first inbox row (the token, GET /tasks, the render)
 *   total   load + inbox: navigation to first row, less the seconds a person spends typing her name
 *
 * beside bare baselines: a static page with one table row in the same browser, and the raw GET /tasks of the app's
 * first page from Node. And the initial JavaScript gzipped: the scripts dist/web/index.html loads up front (its
 * module script and modulepreloads), not the lazy chunks. Targets: total p95 < 1 s, initial JS < 300 kB.
 *
 * The 1,000 tasks are written straight into the tasks projection (as `bench:inbox` does) rather than by 1,000
 * workflows: the bench measures reading and rendering them, and the projection's rows are what the app reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client as PgClient } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { chromiumForTests } from '../../test/browser/support/chromium';
import { freePort, waitFor } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';

const ORG = '0184';
const TASKS = 1_000;
const RUNS = 10;
const TARGET_FIRST_ROW_MS = 1_000;
const TARGET_INITIAL_JS_BYTES = 300 * 1024;
const ROOT = join(__dirname, '..', '..', '..');
const WEB_DIR = join(ROOT, 'dist', 'web');

const log = (line: string) => console.log(`[bench:web] ${line}`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;

/** The scripts index.html loads up front (module entry and modulepreloads), each gzipped as a server would send it. */
export function initialJavaScript(webDir: string): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const body = readFileSync(join(webDir, file.replace(/^\//, '')));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

/** `npm start`'s launcher on a given PostgreSQL, on free ports, until /health/ready; `extraEnv` over the defaults. */
export async function startStack(databaseUrl: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess }> {
  const [port, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'infra', 'stack', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(temporalUiPort),
      // One person loading the inbox dozens of times in a minute is the bench, not an attack.
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: '100000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
      // Stacks side by side (benches, tests) would all want the same port for the workers' SDK metrics.
      WORKER_METRICS_ADDRESS: 'off',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the stack exited (${code}) before it was ready`);
  });
  await Promise.race([
    waitFor(`${base}/health/ready`, async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true, 180_000, 500),
    exited,
  ]);
  return { base, child };
}

async function loadTasks(databaseUrl: string): Promise<void> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const started = Date.now();
    await db.query(
      `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary)
       SELECT gen_random_uuid(), 'discharge_handover', 'bench-web-' || g, 'planning', ARRAY['KS', $1::text], 1, '{}'::jsonb
       FROM generate_series(1, $2) g`,
      [ORG, TASKS],
    );
    // Due from two days ago to five days ahead, a third of them overdue, as a busy municipality's inbox is.
    await db.query(
      `WITH c AS (SELECT id, workflow_id, row_number() OVER (ORDER BY workflow_id) AS n FROM cases WHERE workflow_id LIKE 'bench-web-%')
       INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, status, due_at, input, answer_schema)
       SELECT gen_random_uuid(), c.id, 'discharge_handover', c.workflow_id,
         (ARRAY['discharge.acknowledge_notice', 'discharge.needs_assessment', 'discharge.takeover'])[1 + c.n % 3],
         $1, 'case_handler', 'open', now() + ((c.n * 7919) % 10080 - 2880) * interval '1 minute',
         '{}'::jsonb, '{"type":"object","properties":{}}'::jsonb
       FROM c`,
      [ORG],
    );
    await db.query('ANALYZE');
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM tasks WHERE assigned_org = $1 AND status = 'open'`, [ORG])).rows;
    log(`${n} open tasks for ${ORG} in ${Date.now() - started} ms`);
  } finally {
    await db.end();
  }
}

interface Run {
  load: number;
  inbox: number;
  total: number;
}

/** One cold visit: navigation → sign-in ready → (typing, not timed) → sent → first inbox row. In-page clocks. */
async function visit(browser: Browser, base: string): Promise<Run> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).waitFor();
    const load = await page.evaluate(() => performance.now());
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption(ORG);
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Bench Handläggare');
    // The first row's instant, taken by the page itself when the row is added.
    await page.evaluate(`(() => {
      const w = window;
      document.addEventListener('submit', () => { w.__benchSent = performance.now(); }, true);
      const seen = () => document.querySelector('main table tbody tr');
      new MutationObserver((_, observer) => {
        if (seen()) { w.__benchRow = performance.now(); observer.disconnect(); }
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('main table tbody tr').first().waitFor({ timeout: 30_000 });
    const [sent, row] = (await page.evaluate('[window.__benchSent, window.__benchRow]')) as [number, number];
    return { load, inbox: row - sent, total: load + (row - sent) };
  } finally {
    await context.close();
  }
}

/** The bare page: one static HTML page with a one-row table, served from 127.0.0.1, to its DOMContentLoaded. */
async function bareVisit(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('table tbody tr').first().waitFor();
    return (await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")) as number;
  } finally {
    await context.close();
  }
}

async function main(): Promise<number> {
  const js = initialJavaScript(WEB_DIR);
  const scratch = mkdtempSync(join(tmpdir(), 'vardflode-bench-web-'));
  chmodSync(scratch, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort(), database: 'vardflode_bench_web', log });
  let stack: { base: string; child: ChildProcess } | undefined;
  let browser: Browser | undefined;
  const bare = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="sv"><title>bar</title><table><tbody><tr><td>En uppgift</td></tr></tbody></table>');
  });
  try {
    log('starting the stack (Temporal dev server, API with the web app, worker)…');
    stack = await startStack(pg.url, join(scratch, 'data'));
    await loadTasks(pg.url);
    const found = await chromiumForTests();
    browser = await chromium.launch({ executablePath: found.executablePath, headless: true, args: ['--proxy-server=http://127.0.0.1:9'] });
    log(`Chromium ${browser.version()} (${found.source})`);
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

    // The raw API call the inbox makes first (its page of 200), from Node with a dev token.
    const signIn = await fetch(`${stack.base}/dev/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisationCode: ORG, roles: ['case_handler'], name: 'Bench Handläggare' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const api: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const res = await fetch(`${stack.base}/tasks?status=open&limit=200`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /tasks: HTTP ${res.status}`);
      if (i >= 2) api.push(performance.now() - t0);
    }

    await visit(browser, stack.base); // warm-up: the server's first requests, Chromium's first context
    const runs: Run[] = [];
    const bareRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await visit(browser, stack.base));
      bareRuns.push(await bareVisit(browser, bareUrl));
    }

    const row = (label: string, values: number[], note = '') =>
      console.log(`  ${label.padEnd(44)} median ${ms(percentile(values, 50))}   p95 ${ms(percentile(values, 95))}${note}`);
    console.log('');
    console.log(`web app at ${TASKS} open tasks for ${ORG} (${RUNS} cold visits each, fresh browser contexts):`);
    row('navigation → sign-in ready (load)', runs.map((r) => r.load));
    row('sign-in sent → first inbox row (inbox)', runs.map((r) => r.inbox));
    row('navigation → first inbox row (load + inbox)', runs.map((r) => r.total), `   target < ${TARGET_FIRST_ROW_MS} ms`);
    console.log('bare baselines:');
    row('static one-row page → DOMContentLoaded', bareRuns);
    row('GET /tasks?status=open&limit=200 from Node', api);
    console.log('initial JavaScript (dist/web/index.html, without lazy chunks):');
    console.log(`  ${js.files.join(', ')}: ${(js.rawBytes / 1024).toFixed(1)} kB, gzipped ${(js.gzipBytes / 1024).toFixed(1)} kB   target < ${TARGET_INITIAL_JS_BYTES / 1024} kB`);
    const p95 = percentile(runs.map((r) => r.total), 95);
    const ok = p95 < TARGET_FIRST_ROW_MS && js.gzipBytes < TARGET_INITIAL_JS_BYTES;
    console.log('');
    console.log(`${ok ? 'PASS' : 'FAIL'}: first inbox row p95 ${p95.toFixed(0)} ms (< ${TARGET_FIRST_ROW_MS}), initial JS ${(js.gzipBytes / 1024).toFixed(1)} kB gzipped (< ${TARGET_INITIAL_JS_BYTES / 1024})`);
    return ok ? 0 : 1;
  } finally {
    bare.close();
    await browser?.close().catch(() => undefined);
    if (stack && stack.child.exitCode === null) {
      stack.child.kill('SIGINT');
      await once(stack.child, 'exit');
    }
    await pg.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(`bench:web failed: ${(err as Error).stack ?? err}`);
      process.exit(2);
    });
}
