/**
 * `npm run bench:reports`: one situation-report round of the whole country (issue 14), from the cut-off to a published
 * picture. Starts the real stack (`npm start`'s launcher: Temporal dev server, API, worker, as `bench:web` does) on an
 * embedded PostgreSQL of its own, on free ports, and then, through the API only:
 *
 *   1. registers the municipalities the seed lacks (it has Stockholm's 26) through POST /organisations as HSF's
 *      register_admin, so that each county has its real number of municipalities, 290 in all. They are SYNTHETIC:
 *      four-digit codes whose first two digits are the county (`0340`, `0341` …), named "Kommun 0340 (bench)". The
 *      API rather than SQL: the register's own validation, audit row and cache are what a round's planner reads, and
 *      264 requests take a few seconds;
 *   2. starts an extra round for all 290 municipalities and 21 regions (POST /situation-reports/rounds as
 *      Socialstyrelsen's coordinator) with its own short times, and times until the 311 report tasks are in the
 *      task projection;
 *   3. has every organisation find its report task in its inbox and answer it, BENCH_IN_FLIGHT at a time, with
 *      varied figures, some municipalities' stock under the 7-day threshold (shortages for the county boards);
 *   4. at the cut-off, times from the cut-off instant to the picture's commit (polling `published_at` in the
 *      database) and to the first 200 from GET /situation-reports/rounds/:id/picture;
 *
 * and beside it in the same run, bare baselines on the same 311 reports: the SQL read of the reports alone
 * (SituationReportRepository.allReports, the publishing step's read) and computePicture in-process. It checks the
 * published picture (every organisation on time, the shortages counted below the threshold, the same picture as
 * computePicture gives). Target: cut-off → a 200 from GET /picture under 5 s. Exits 1 when missed, 2 when the bench
 * fails. About 1.5 minutes on a 2-core machine.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { loadAppConfig } from '../../libs/config/src/app-config';
import { SITUATION_TASK_KINDS } from '../../libs/contracts/src/situation-report.contract';
import { reportedWeekAt } from '../../libs/domain/src/situation-reports/calendar';
import { COUNTIES, countyOfCode, type CountyCode } from '../../libs/domain/src/situation-reports/county';
import { shortagesIn } from '../../libs/domain/src/situation-reports/figures';
import { computePicture } from '../../libs/domain/src/situation-reports/picture';
import { CONSUMABLES, type MunicipalityFigures, type RegionFigures, type SituationPicture, type StoredReport } from '../../libs/domain/src/situation-reports/report.types';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { SituationReportRepository } from '../../libs/persistence/src/repositories/situation-report.repository';
import { freePort } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { inPool } from './in-pool';
import { percentile } from './scratch-database';
import { startStack } from './web.bench';

const TARGET_MS = 5_000;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 4);
/** From the round's start to its due time: room for 311 reports (at ~10/s on 2 cores) with a margin. */
const WINDOW_S = Number(process.env.BENCH_REPORT_WINDOW_S ?? 60);
const BASELINE_RUNS = 25;
const log = (line: string) => console.log(`[bench:reports] ${line}`);

/** Sweden's 290 municipalities by county (SCB's kommunkoder): how many each county has. */
const MUNICIPALITIES_PER_COUNTY: Record<CountyCode, number> = {
  '01': 26, '03': 8, '04': 9, '05': 13, '06': 13, '07': 8, '08': 12, '09': 1, '10': 5, '12': 33, '13': 6,
  '14': 49, '17': 16, '18': 12, '19': 10, '20': 15, '21': 10, '22': 7, '23': 8, '24': 15, '25': 14,
};

interface Organisation {
  code: string;
  kind: string;
  active: boolean;
}
interface Reporter {
  code: string;
  kind: 'municipality' | 'region';
  token: string;
  figures: MunicipalityFigures | RegionFigures;
}

/** A fixed pseudo-random number in [0, 1) for the i-th organisation and a salt: varied figures, the same each run. */
function noise(i: number, salt: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32;
}
const percent = (i: number, salt: number, max: number) => Math.round(noise(i, salt) * max * 10) / 10;

/** A municipality's figures: absence 0–18 %, stock 8–60 days, and some items under 7 days (shortages). */
function municipalityFigures(i: number): MunicipalityFigures {
  const stockDays = Object.fromEntries(CONSUMABLES.map((item, k) => [item, 8 + Math.floor(noise(i, 10 + k) * 53)])) as MunicipalityFigures['stockDays'];
  if (i % 9 === 0) stockDays.nitrile_gloves = 2 + (i % 5);
  if (i % 23 === 0) stockDays.surgical_masks = 3;
  if (i % 31 === 0) stockDays.hand_disinfectant = 6;
  return {
    staffAbsencePercent: { nurses: percent(i, 1, 18), care_staff: percent(i, 2, 18), other_staff: percent(i, 3, 12) },
    stockDays,
    ...(i % 4 === 0 ? { comment: 'Ökad frånvaro i hemtjänsten' } : {}),
  };
}

/** A region's figures: 15–115 intensive-care beds, 50–95 % occupied, up to 80 COVID-19 in-patients. */
function regionFigures(i: number): RegionFigures {
  const icuBeds = 15 + Math.floor(noise(i, 20) * 100);
  return {
    covidInpatients: Math.floor(noise(i, 21) * 80),
    icuBeds,
    icuBedsOccupied: Math.floor(icuBeds * (0.5 + noise(i, 22) * 0.45)),
    staffAbsencePercent: { nurses: percent(i, 23, 15), care_staff: percent(i, 24, 15), other_staff: percent(i, 25, 10) },
  };
}

async function call<T>(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

async function ok<T>(base: string, token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await call<T>(base, token, method, path, body, headers);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** Polls `check` every `everyMs` until it returns a value; the wall-clock instant (epoch ms) it first did. */
async function firstInstant<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 20): Promise<{ at: number; value: T }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return { at: Date.now(), value };
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The median of `runs` timings of `fn`, ms (after one warm-up run). */
async function medianOf(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return percentile(ms.sort((a, b) => a - b), 50);
}

async function main(): Promise<number> {
  const benchStarted = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'vardflode-bench-reports-'));
  chmodSync(scratch, 0o755);
  const dataDir = join(scratch, 'data');
  const pg = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort(), database: 'vardflode_bench_reports', log });
  let stack: { base: string; child: ChildProcess } | undefined;
  const ds = new DataSource(dataSourceOptions(pg.url, 2));
  try {
    log('starting the stack (Temporal dev server, API, worker)…');
    stack = await startStack(pg.url, dataDir);
    const base = stack.base;
    await ds.initialize();
    const audience = loadAppConfig().AUTH_AUDIENCE;
    const token = (org: string, role: Role) => signDevToken(dataDir, { organisationCode: org, roles: [role], personId: `bench.${org.toLowerCase()}`, audience });
    const admin = await token('HSF', 'register_admin');
    const socialstyrelsen = await token('SOCIALSTYRELSEN', 'coordinator');
    log(`stack ready in ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);

    // 1. The whole country's municipalities: the seed's, and synthetic ones for the other counties.
    const registered = await ok<Organisation[]>(base, admin, 'GET', '/organisations?kind=municipality');
    const missing: string[] = [];
    for (const { code: county } of COUNTIES) {
      const have = new Set(registered.filter((o) => countyOfCode(o.code) === county).map((o) => o.code));
      for (let n = 40; have.size < MUNICIPALITIES_PER_COUNTY[county]; n++) {
        const code = `${county}${n}`;
        if (have.has(code)) continue;
        missing.push(code);
        have.add(code);
      }
    }
    const registering = await inPool(missing, IN_FLIGHT, async (code) => {
      await ok(base, admin, 'POST', '/organisations', { code, kind: 'municipality', name: `Kommun ${code} (bench)` });
    });
    const municipalities = (await ok<Organisation[]>(base, admin, 'GET', '/organisations?kind=municipality')).filter((o) => o.active).map((o) => o.code).sort();
    const regions = (await ok<Organisation[]>(base, admin, 'GET', '/organisations?kind=region')).filter((o) => o.active).map((o) => o.code).sort();
    log(`registered ${missing.length} synthetic municipalities through POST /organisations in ${(registering.elapsedMs / 1000).toFixed(1)} s: ${municipalities.length} municipalities, ${regions.length} regions`);
    if (municipalities.length !== 290 || regions.length !== 21) throw new Error(`expected 290 municipalities and 21 regions, found ${municipalities.length} and ${regions.length}`);

    const reporters: Reporter[] = [];
    for (const [i, code] of municipalities.entries()) reporters.push({ code, kind: 'municipality', token: await token(code, 'case_handler'), figures: municipalityFigures(i) });
    for (const [i, code] of regions.entries()) reporters.push({ code, kind: 'region', token: await token(code, 'case_handler'), figures: regionFigures(i) });

    // 2. An extra round for all 311, due and cut off within the window.
    const now = Date.now();
    const cutoff = now + WINDOW_S * 1000;
    const due = cutoff - 2_000;
    const week = reportedWeekAt(new Date(now).toISOString());
    const t0 = performance.now();
    const round = await ok<{ roundId: string; participants: number; cutoffAt: string; dueAt: string }>(
      base, socialstyrelsen, 'POST', '/situation-reports/rounds',
      { week, participants: reporters.map((r) => r.code), dueAt: new Date(due).toISOString(), remindAt: new Date(due).toISOString(), cutoffAt: new Date(cutoff).toISOString() },
      { 'Idempotency-Key': `bench-reports-${now}` },
    );
    const startedMs = performance.now() - t0;
    const { roundId } = round;
    const opened = await firstInstant('311 report tasks', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open'`, [roundId, SITUATION_TASK_KINDS.report]);
      return n === reporters.length ? n : undefined;
    }, 60_000);
    const openMs = performance.now() - t0;
    log(`round ${roundId} (${week}): ${round.participants} participants; POST → 201 in ${startedMs.toFixed(0)} ms, ${opened.value} report tasks open ${openMs.toFixed(0)} ms after the POST; cut-off at ${round.cutoffAt}`);

    // 3. Every organisation finds its task in its inbox and answers it.
    const reporting = await inPool(reporters, IN_FLIGHT, async (r) => {
      const inbox = await ok<{ items: { id: string }[] }>(base, r.token, 'GET', `/tasks?caseId=${roundId}&kind=${SITUATION_TASK_KINDS.report}&status=open`);
      if (!inbox.items[0]) throw new Error(`no report task in ${r.code}'s inbox`);
      await ok(base, r.token, 'POST', `/tasks/${inbox.items[0].id}/complete`, { decision: r.figures });
    });
    const reportSeconds = reporting.elapsedMs / 1000;
    const reportMs = [...reporting.ms].sort((a, b) => a - b);
    log(`${reporters.length} reports in ${reportSeconds.toFixed(1)} s (${(reporters.length / reportSeconds).toFixed(1)}/s, ${IN_FLIGHT} in flight; inbox read + completion p50 ${percentile(reportMs, 50).toFixed(0)} ms, p95 ${percentile(reportMs, 95).toFixed(0)} ms)`);
    if (Date.now() >= due) throw new Error(`the reports took past the due time; raise BENCH_REPORT_WINDOW_S (now ${WINDOW_S})`);

    const [{ policy }] = await ds.query(`SELECT policy FROM situation_rounds WHERE id = $1`, [roundId]);
    const expectedShortages = reporters.filter((r) => r.kind === 'municipality').reduce((n, r) => n + shortagesIn(r.figures as MunicipalityFigures, policy).length, 0);
    await firstInstant('the shortage tasks', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND kind = $2`, [roundId, SITUATION_TASK_KINDS.shortage]);
      return n === expectedShortages ? n : undefined;
    }, 30_000, 200);
    const [{ shortages, boards }] = await ds.query(`SELECT count(*)::int AS shortages, count(DISTINCT county_board)::int AS boards FROM situation_shortages WHERE round_id = $1`, [roundId]);
    log(`${shortages} shortages raised to ${boards} county boards (expected ${expectedShortages}); waiting for the cut-off`);

    // 4. The cut-off: from its instant to the picture's commit and to the first 200 of GET /picture.
    await new Promise((r) => setTimeout(r, Math.max(0, cutoff - Date.now() - 300)));
    const [committed, served] = await Promise.all([
      firstInstant('published_at', async () => {
        const [row] = await ds.query(`SELECT published_at FROM situation_rounds WHERE id = $1 AND published_at IS NOT NULL`, [roundId]);
        return row ? (row.published_at as Date) : undefined;
      }, 60_000),
      firstInstant('GET /picture 200', async () => {
        const res = await call<SituationPicture>(base, socialstyrelsen, 'GET', `/situation-reports/rounds/${roundId}/picture`);
        return res.status === 200 ? res.body : undefined;
      }, 60_000),
    ]);
    const stampMs = committed.value.getTime() - cutoff;
    const commitMs = committed.at - cutoff;
    const servedMs = served.at - cutoff;
    const picture = served.value;

    // The picture, checked: everyone reported on time, the shortages are the stock under the threshold.
    const nation = picture.nation;
    const below = CONSUMABLES.reduce((n, item) => n + nation.stockDays[item].belowThreshold, 0);
    const checks: [boolean, string][] = [
      [nation.municipalities.reported === 290 && nation.municipalities.expected === 290, `municipalities reported ${nation.municipalities.reported}/${nation.municipalities.expected}`],
      [nation.regions.reported === 21 && nation.regions.expected === 21, `regions reported ${nation.regions.reported}/${nation.regions.expected}`],
      [Object.keys(picture.counties).length === 21, `${Object.keys(picture.counties).length} counties`],
      [picture.organisations.every((o) => o.standing === 'on_time'), 'every organisation on time'],
      [below === shortages && shortages === expectedShortages, `stock under the threshold ${below} = shortages raised ${shortages}`],
    ];

    // Baselines on the same reports: the SQL read alone, and computePicture in-process.
    const repository = new SituationReportRepository(ds);
    const roundRow = await repository.findRound(roundId);
    if (!roundRow) throw new Error(`round ${roundId} is not stored`);
    let rows = await repository.allReports(ds, roundId);
    const readMs = await medianOf(BASELINE_RUNS, async () => {
      rows = await repository.allReports(ds, roundId);
    });
    const stored = rows.map((r) => ({ ...r, roundId, submittedBy: '' })) as unknown as StoredReport[];
    const input = { roundId, calendar: roundRow.calendar, participants: roundRow.participants, policy: roundRow.policy, version: picture.version, computedAt: picture.computedAt };
    let computed = computePicture(input, stored);
    const computeMs = await medianOf(BASELINE_RUNS, () => {
      computed = computePicture(input, stored);
    });
    checks.push([isDeepStrictEqual(JSON.parse(JSON.stringify(computed)), picture), 'the published picture is what computePicture gives on the stored reports']);
    const notices = await firstInstant('the picture notices', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1 AND kind = $2`, [roundId, SITUATION_TASK_KINDS.picturePublished]);
      return n === reporters.length ? n : undefined;
    }, 10_000, 100);
    checks.push([notices.value === reporters.length, `${notices.value} picture notices`]);

    const row = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
    const ms = (v: number) => `${v.toFixed(1).padStart(9)} ms`;
    console.log('');
    console.log(`situation-report round of the whole country (${week}, ${IN_FLIGHT} in flight):`);
    row('participants', `${reporters.length} (${municipalities.length} municipalities, ${regions.length} regions)`);
    row('reports', `${rows.length}`);
    row('shortages raised (stock under 7 days)', `${shortages} to ${boards} county boards`);
    row('POST /situation-reports/rounds → 201', ms(startedMs));
    row(`POST → ${reporters.length} report tasks open`, ms(openMs));
    row('report throughput (inbox read + completion)', `${(reporters.length / reportSeconds).toFixed(1).padStart(9)} /s   p50 ${percentile(reportMs, 50).toFixed(0)} ms, p95 ${percentile(reportMs, 95).toFixed(0)} ms`);
    row('cut-off → published_at (the step\'s own clock)', ms(stampMs));
    row('cut-off → picture committed (seen in PostgreSQL)', ms(commitMs));
    row('cut-off → a 200 from GET /picture', ms(servedMs));
    console.log('bare baselines on the same reports:');
    row(`SQL read of the ${rows.length} reports (median of ${BASELINE_RUNS})`, ms(readMs));
    row(`computePicture in-process (median of ${BASELINE_RUNS})`, ms(computeMs));
    console.log('checks:');
    for (const [pass, what] of checks) console.log(`  ${pass ? '✓' : '✗'} ${what}`);
    console.log('');
    const checked = checks.every(([pass]) => pass);
    const pass = servedMs < TARGET_MS && checked;
    console.log(`${pass ? 'PASS' : 'FAIL'}: cut-off → published picture ${(servedMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s)${checked ? '' : ', a check failed'}; the whole bench ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
    return pass ? 0 : 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    if (stack && stack.child.exitCode === null) {
      stack.child.kill('SIGINT');
      await once(stack.child, 'exit');
    }
    await pg.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`bench:reports failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
