/**
 * `npm run bench:transfers`: 200 concurrent transfer requests over the 21 regions on the real stack, beside a bare
 * baseline in the same run. It starts its own embedded PostgreSQL and `npm start`'s launcher (Temporal dev server,
 * API, worker) on free ports, with TRANSFER_OFFERS_AT_ONCE=3 so that an acceptance has offers to withdraw.
 *
 *   product   every region declares beds of each care level (PUT /transfers/capacity/:level); 200 requests from
 *             random regions (seeded) are posted at once (POST /transfers); Socialstyrelsen approves each proposal
 *             as ranked (the matching task); the three regions offered race to accept (POST /tasks/:id/complete,
 *             all at once). An acceptance refused for want of a bed is followed by that region's decline, so the
 *             next region gets the offer and races the ones still open; a request whose list runs out goes to the
 *             duty officer, who closes it. Every step goes through the API, the workflows and PostgreSQL; the bench
 *             only finds the open tasks by reading the tasks projection (one query every 25 ms) instead of polling
 *             200 inboxes, which would load the two cores more than the work measured.
 *   baseline  the same requests, proposals and declared beds as raw guarded UPDATEs in PostgreSQL, no workflows:
 *             one transaction per acceptance (lock the request, take the offer, reserve under the same
 *             `reserved <= beds` CHECK, withdraw the other open offers), tables of its own in a schema of its own.
 *
 * It prints, for each side: acceptances per second (over the race: first acceptance attempt to last acceptance;
 * and for the product also end to end, from the first request posted), the time from acceptance to the other
 * offers' withdrawal per request (p50/p95: the accepting call sent → its answer, when acceptance and withdrawal are
 * both committed; and the recorded times: the accepted task's completed_at against the withdrawn tasks' cancel
 * time, with whether they were one transaction), and the proof that no bed was double-booked, in SQL: for every
 * region and care level reserved <= beds, and reserved equals the sum of its live reservations; no request holds
 * reservations in two regions or two acceptances; no accepted request keeps an open offer.
 *
 * Verdict: PASS when both sides hold every invariant, every request ends accepted or escalated, and the product's
 * p95 from acceptance to withdrawal is under 1 s. Exits 1 when a target is missed, 2 when the bench fails.
 * BENCH_REQUESTS (200), BENCH_IN_FLIGHT (16 HTTP calls or baseline transactions at a time), BENCH_SEED (15).
 */
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { Pool, type PoolClient } from 'pg';
import { TRANSFER_TASK_KINDS as KIND } from '../../libs/contracts/src/transfer.contract';
import { CARE_LEVELS, type CareLevel } from '../../libs/domain/src/transfers/transfer.types';
import { DEFAULT_HEALTHCARE_REGION_OF } from '../../libs/domain/src/transfers/healthcare-regions';
import { freePort } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { percentile } from './scratch-database';
import { startStack } from './web.bench';

const log = (line: string) => console.log(`[bench:transfers] ${line}`);

function intSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

const REQUESTS = intSetting('BENCH_REQUESTS', 200);
const IN_FLIGHT = intSetting('BENCH_IN_FLIGHT', 16);
const SEED = intSetting('BENCH_SEED', 15);
const OFFERS_AT_ONCE = 3;
const TARGET_WITHDRAWAL_P95_MS = 1_000;
/** The run gives up after this long (the whole bench should take under 3 minutes). */
const DEADLINE_MS = 150_000;
const REGIONS = Object.keys(DEFAULT_HEALTHCARE_REGION_OF).sort();
const EARLIEST = '2021-03-01T08:00:00+01:00';
const POLL_MS = 25;

// ---------------------------------------------------------------------------------------------------------------
// The workload, the same for both sides

interface Demand {
  n: number;
  sending: string;
  careLevel: CareLevel;
  patients: number;
}

/** mulberry32: a small seeded generator, so each run draws the same sending regions. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Declared beds per region (index i of 21) and care level: about 150 ICU, 50 with ventilator, 200 in-patient. */
const declaredBeds = (i: number): Record<CareLevel, number> => ({ icu_ventilator: 1 + ((i * 5) % 4), icu: 4 + ((i * 3) % 7), inpatient: 6 + ((i * 5) % 8) });

function demands(): Demand[] {
  const random = seeded(SEED);
  const levels: CareLevel[] = ['icu', 'icu', 'icu_ventilator', 'inpatient', 'inpatient'];
  return Array.from({ length: REQUESTS }, (_, n) => ({
    n,
    sending: REGIONS[Math.floor(random() * REGIONS.length)],
    careLevel: levels[n % levels.length],
    patients: n % 7 === 0 ? 2 : 1,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Small tools

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

interface Timings {
  /** Each accepting call that won: sent → answered, ms. */
  winning: number[];
  /** Recorded withdrawal after the acceptance, ms, per request with something to withdraw. */
  recorded: number[];
  sameTransaction: number;
  withRecords: number;
}

interface Outcome {
  accepted: number;
  escalated: number;
  unfinished: number;
  /** Acceptance attempts: won, refused for want of a bed, lost to another region's acceptance. */
  won: number;
  noBed: number;
  lost: number;
  /** performance.now() of the first acceptance attempt and of the last acceptance's answer. */
  firstAttempt: number;
  lastAcceptance: number;
  timings: Timings;
}

interface Proof {
  lines: string[];
  ok: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// The product: through the API

class Api {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly gate: pLimit.Limit,
  ) {}

  async signIn(org: string): Promise<void> {
    const res = await fetch(`${this.base}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisationCode: org, roles: ['coordinator'], name: `Bench coordinator ${org}` }),
    });
    if (!res.ok) throw new Error(`sign-in for ${org}: HTTP ${res.status} ${await res.text()}`);
    this.tokens.set(org, ((await res.json()) as { token: string }).token);
  }

  /** One call as `org`'s coordinator; the status, the body, and when it was sent and answered (performance.now()). */
  call(org: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.gate(async () => {
      const sent = performance.now();
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(org)}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, text, sent, answered: performance.now() };
    });
  }
}

interface ProductRequest extends Demand {
  id: string;
  proposal?: string[];
  accepted?: string;
  escalated?: boolean;
}

async function runProduct(api: Api, pool: Pool, work: Demand[]): Promise<{ outcome: Outcome; requests: ProductRequest[]; startedAt: number }> {
  const startedAt = performance.now();
  const requests: ProductRequest[] = await Promise.all(
    work.map(async (d) => {
      const res = await api.call(
        d.sending,
        'POST',
        '/transfers',
        { patients: Array.from({ length: d.patients }, (_, i) => ({ reference: `BENCH-${d.n}-${i + 1}`, careLevel: d.careLevel, infection: 'none' })), earliestDeparture: EARLIEST },
        { 'idempotency-key': `bench-transfers-${SEED}-${d.n}` },
      );
      if (res.status !== 201) throw new Error(`POST /transfers: HTTP ${res.status} ${res.text.slice(0, 300)}`);
      return { ...d, id: res.body.requestId as string };
    }),
  );
  log(`${requests.length} requests posted in ${fmt((performance.now() - startedAt) / 1000)} s`);
  const byId = new Map(requests.map((r) => [r.id, r]));
  const outcome: Outcome = { accepted: 0, escalated: 0, unfinished: 0, won: 0, noBed: 0, lost: 0, firstAttempt: Infinity, lastAcceptance: 0, timings: { winning: [], recorded: [], sameTransaction: 0, withRecords: 0 } };
  const seen = new Set<string>();
  const running = new Set<Promise<void>>();
  const failures: string[] = [];

  const complete = (org: string, taskId: string, decision: Record<string, unknown>) => api.call(org, 'POST', `/tasks/${taskId}/complete`, { decision });
  const handle = async (task: { id: string; case_id: string; kind: string; assigned_org: string; proposal: { region: string }[] | null }) => {
    const r = byId.get(task.case_id) as ProductRequest;
    if (task.kind === KIND.matching) {
      r.proposal = (task.proposal ?? []).map((c) => c.region);
      const res = await complete('SOCIALSTYRELSEN', task.id, { order: r.proposal });
      if (res.status !== 200) failures.push(`matching of request ${r.n}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    } else if (task.kind === KIND.offer) {
      outcome.firstAttempt = Math.min(outcome.firstAttempt, performance.now());
      const res = await complete(task.assigned_org, task.id, { decision: 'accept' });
      if (res.status === 200) {
        outcome.won += 1;
        outcome.accepted += 1;
        r.accepted = task.assigned_org;
        outcome.lastAcceptance = Math.max(outcome.lastAcceptance, res.answered);
        outcome.timings.winning.push(res.answered - res.sent);
      } else if (res.status === 409 && /no free/.test(res.text)) {
        // This region has no bed left: it declines, and the next region gets the offer.
        outcome.noBed += 1;
        const declined = await complete(task.assigned_org, task.id, { decision: 'decline', reason: 'Inga lediga platser' });
        if (declined.status !== 200 && declined.status !== 409) failures.push(`decline of request ${r.n} by ${task.assigned_org}: HTTP ${declined.status}`);
      } else if (res.status === 409) {
        outcome.lost += 1; // another region accepted first: this offer was withdrawn
      } else {
        failures.push(`acceptance of request ${r.n} by ${task.assigned_org}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      }
    } else if (task.kind === KIND.dutyOfficer) {
      const res = await complete('SOCIALSTYRELSEN', task.id, { decision: 'close', reason: 'Ingen region har plats' });
      if (res.status === 200) {
        r.escalated = true;
        outcome.escalated += 1;
      } else failures.push(`duty officer on request ${r.n}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    }
  };

  const ids = requests.map((r) => r.id);
  const deadline = Date.now() + DEADLINE_MS;
  while (requests.some((r) => !r.accepted && !r.escalated)) {
    if (failures.length) throw new Error(`unexpected answers:\n  ${failures.slice(0, 5).join('\n  ')}`);
    if (Date.now() > deadline) break;
    const { rows } = await pool.query(
      `SELECT id, case_id, kind, assigned_org, input->'proposal' AS proposal FROM tasks WHERE status = 'open' AND kind = ANY($1) AND case_id = ANY($2::uuid[])`,
      [[KIND.matching, KIND.offer, KIND.dutyOfficer], ids],
    );
    for (const task of rows) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      const p: Promise<void> = handle(task).finally(() => running.delete(p));
      running.add(p);
    }
    await sleep(POLL_MS);
  }
  await Promise.all(running);
  if (failures.length) throw new Error(`unexpected answers:\n  ${failures.slice(0, 5).join('\n  ')}`);
  outcome.unfinished = requests.filter((r) => !r.accepted && !r.escalated).length;

  // The recorded times: the accepted offer task's completion against the withdrawn offers' cancellation (the
  // tasks projection's write of the step), and whether both rows were written by the same transaction (xmin).
  const { rows: withdrawals } = await pool.query(
    `SELECT a.case_id, extract(epoch FROM max(w.updated_at) - a.completed_at) * 1000 AS ms, bool_and(w.xmin::text = a.xmin::text) AS same_tx
     FROM tasks a JOIN tasks w ON w.case_id = a.case_id AND w.kind = $1 AND w.status = 'cancelled' AND w.cancelled_reason LIKE 'withdrawn%'
     WHERE a.kind = $1 AND a.status = 'completed' AND a.decision->>'decision' = 'accept' AND a.case_id = ANY($2::uuid[])
     GROUP BY a.case_id, a.completed_at, a.xmin::text`,
    [KIND.offer, ids],
  );
  outcome.timings.recorded = withdrawals.map((w: { ms: string }) => Number(w.ms));
  outcome.timings.sameTransaction = withdrawals.filter((w: { same_tx: boolean }) => w.same_tx).length;
  outcome.timings.withRecords = withdrawals.length;
  return { outcome, requests, startedAt };
}

async function proveProduct(pool: Pool, requests: ProductRequest[], declared: Map<string, Record<CareLevel, number>>): Promise<Proof> {
  const ids = requests.map((r) => r.id);
  const accepted = requests.filter((r) => r.accepted).map((r) => r.id);
  const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const overbooked = await q(`SELECT region, care_level, beds, reserved FROM transfer_capacity WHERE reserved > beds`);
  const mismatched = await q(
    `SELECT c.region, c.care_level, c.reserved, coalesce(sum(r.beds), 0)::int AS booked
     FROM transfer_capacity c LEFT JOIN transfer_reservations r ON r.region = c.region AND r.care_level = c.care_level AND r.status = 'reserved'
     GROUP BY c.region, c.care_level, c.reserved HAVING c.reserved <> coalesce(sum(r.beds), 0)`,
  );
  const twoRegions = await q(`SELECT request_id FROM transfer_reservations WHERE status = 'reserved' GROUP BY request_id HAVING count(DISTINCT region) > 1`);
  const twoAcceptances = await q(
    `SELECT case_id FROM tasks WHERE kind = $1 AND status = 'completed' AND decision->>'decision' = 'accept' AND case_id = ANY($2::uuid[]) GROUP BY case_id HAVING count(*) > 1`,
    [KIND.offer, ids],
  );
  const wrongBeds = await q(
    `SELECT t.id FROM transfers t LEFT JOIN (SELECT request_id, sum(beds)::int AS beds FROM transfer_reservations WHERE status = 'reserved' GROUP BY request_id) r ON r.request_id = t.id
     WHERE t.id = ANY($1::uuid[]) AND coalesce(r.beds, 0) <> CASE WHEN t.status = 'transport' THEN t.patients ELSE 0 END`,
    [ids],
  );
  const openAfter = await q(`SELECT case_id FROM tasks WHERE kind = $1 AND status = 'open' AND case_id = ANY($2::uuid[])`, [KIND.offer, accepted]);
  const changed = (await q(`SELECT region, care_level, beds FROM transfer_capacity`)).filter((c) => declared.get(c.region)?.[c.care_level as CareLevel] !== c.beds);
  const totals = await q(
    `SELECT c.care_level, sum(c.beds)::int AS beds, sum(c.reserved)::int AS reserved,
       (SELECT coalesce(sum(r.beds), 0)::int FROM transfer_reservations r WHERE r.care_level = c.care_level AND r.status = 'reserved') AS booked
     FROM transfer_capacity c GROUP BY c.care_level ORDER BY c.care_level`,
  );
  return proof(
    [
      ['(region, level) rows with reserved > beds', overbooked.length],
      ['(region, level) rows whose reserved ≠ the sum of its reservations', mismatched.length],
      ['requests holding reservations in two regions', twoRegions.length],
      ['requests with two acceptances', twoAcceptances.length],
      ['requests whose reserved beds ≠ their patients (0 unless accepted)', wrongBeds.length],
      ['accepted requests with an offer still open', openAfter.length],
      ['declared beds changed during the run', changed.length],
    ],
    totals,
  );
}

function proof(checks: [string, number][], totals: { care_level: string; beds: number; reserved: number; booked: number }[]): Proof {
  const lines = checks.map(([what, n]) => `${n === 0 ? '✓' : '✗'} ${what}: ${n}`);
  for (const t of totals) lines.push(`  ${t.care_level.padEnd(15)} declared ${String(t.beds).padStart(4)}   reserved ${String(t.reserved).padStart(4)}   sum of reservations ${String(t.booked).padStart(4)}`);
  return { lines, ok: checks.every(([, n]) => n === 0) && totals.every((t) => t.reserved === t.booked && t.reserved <= t.beds) };
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: the same reservations as raw guarded UPDATEs, no workflows

const BASELINE_DDL = `
  CREATE SCHEMA bench_baseline;
  CREATE TABLE bench_baseline.capacity (
    region text NOT NULL, care_level text NOT NULL, beds integer NOT NULL CHECK (beds >= 0), reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (region, care_level), CONSTRAINT never_double_booked CHECK (reserved <= beds));
  CREATE TABLE bench_baseline.requests (id integer PRIMARY KEY, care_level text NOT NULL, patients integer NOT NULL, proposal text[] NOT NULL, status text NOT NULL DEFAULT 'offering');
  CREATE TABLE bench_baseline.offers (
    request_id integer NOT NULL REFERENCES bench_baseline.requests (id), region text NOT NULL, status text NOT NULL DEFAULT 'open',
    opened_at timestamptz NOT NULL DEFAULT clock_timestamp(), closed_at timestamptz, PRIMARY KEY (request_id, region));
  CREATE TABLE bench_baseline.reservations (request_id integer NOT NULL, region text NOT NULL, care_level text NOT NULL, beds integer NOT NULL CHECK (beds > 0), reserved_at timestamptz NOT NULL DEFAULT clock_timestamp());`;

type Attempt = 'won' | 'no_bed' | 'lost';

async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** One acceptance: first acceptance wins, the beds are reserved under the CHECK, the other open offers withdrawn. */
const baselineAccept = (pool: Pool, d: Demand, region: string): Promise<Attempt> =>
  inTransaction(pool, async (c) => {
    const [req] = (await c.query(`SELECT status FROM bench_baseline.requests WHERE id = $1 FOR UPDATE`, [d.n])).rows;
    if (req.status !== 'offering') return 'lost';
    const [offer] = (await c.query(`SELECT status FROM bench_baseline.offers WHERE request_id = $1 AND region = $2`, [d.n, region])).rows;
    if (offer?.status !== 'open') return 'lost';
    const reserved = await c.query(
      `UPDATE bench_baseline.capacity SET reserved = reserved + $3 WHERE region = $1 AND care_level = $2 AND reserved + $3 <= beds`,
      [region, d.careLevel, d.patients],
    );
    if (reserved.rowCount !== 1) return 'no_bed'; // nothing written: the region then declines
    await c.query(`UPDATE bench_baseline.offers SET status = 'accepted', closed_at = clock_timestamp() WHERE request_id = $1 AND region = $2`, [d.n, region]);
    await c.query(`INSERT INTO bench_baseline.reservations (request_id, region, care_level, beds) VALUES ($1, $2, $3, $4)`, [d.n, region, d.careLevel, d.patients]);
    await c.query(`UPDATE bench_baseline.offers SET status = 'withdrawn', closed_at = clock_timestamp() WHERE request_id = $1 AND status = 'open'`, [d.n]);
    await c.query(`UPDATE bench_baseline.requests SET status = 'accepted' WHERE id = $1`, [d.n]);
    return 'won';
  });

/** A decline: the next region of the proposal gets the offer; none left and none open, the request escalates. */
const baselineDecline = (pool: Pool, d: Demand, region: string): Promise<string | null> =>
  inTransaction(pool, async (c) => {
    const [req] = (await c.query(`SELECT status, proposal FROM bench_baseline.requests WHERE id = $1 FOR UPDATE`, [d.n])).rows;
    if (req.status !== 'offering') return null;
    await c.query(`UPDATE bench_baseline.offers SET status = 'declined', closed_at = clock_timestamp() WHERE request_id = $1 AND region = $2 AND status = 'open'`, [d.n, region]);
    const offers = (await c.query(`SELECT region, status FROM bench_baseline.offers WHERE request_id = $1`, [d.n])).rows as { region: string; status: string }[];
    const next = (req.proposal as string[]).find((r) => !offers.some((o) => o.region === r));
    if (next) {
      await c.query(`INSERT INTO bench_baseline.offers (request_id, region) VALUES ($1, $2)`, [d.n, next]);
      return next;
    }
    if (!offers.some((o) => o.status === 'open')) await c.query(`UPDATE bench_baseline.requests SET status = 'escalated' WHERE id = $1`, [d.n]);
    return null;
  });

async function runBaseline(pool: Pool, work: (Demand & { proposal: string[] })[], declared: Map<string, Record<CareLevel, number>>): Promise<Outcome> {
  await pool.query(BASELINE_DDL);
  for (const [region, beds] of declared) {
    for (const level of CARE_LEVELS) await pool.query(`INSERT INTO bench_baseline.capacity (region, care_level, beds) VALUES ($1, $2, $3)`, [region, level, beds[level]]);
  }
  for (const d of work) {
    await pool.query(`INSERT INTO bench_baseline.requests (id, care_level, patients, proposal) VALUES ($1, $2, $3, $4)`, [d.n, d.careLevel, d.patients, d.proposal]);
    for (const region of d.proposal.slice(0, OFFERS_AT_ONCE)) await pool.query(`INSERT INTO bench_baseline.offers (request_id, region) VALUES ($1, $2)`, [d.n, region]);
  }
  const gate = pLimit(IN_FLIGHT);
  const outcome: Outcome = { accepted: 0, escalated: 0, unfinished: 0, won: 0, noBed: 0, lost: 0, firstAttempt: performance.now(), lastAcceptance: 0, timings: { winning: [], recorded: [], sameTransaction: 0, withRecords: 0 } };
  await Promise.all(
    work.map(async (d) => {
      let racing = d.proposal.slice(0, OFFERS_AT_ONCE);
      while (racing.length) {
        const attempts = await Promise.all(
          racing.map((region) =>
            gate(async () => {
              const sent = performance.now();
              const result = await baselineAccept(pool, d, region);
              return { region, result, sent, answered: performance.now() };
            }),
          ),
        );
        const next: string[] = [];
        for (const a of attempts) {
          if (a.result === 'won') {
            outcome.won += 1;
            outcome.accepted += 1;
            outcome.lastAcceptance = Math.max(outcome.lastAcceptance, a.answered);
            outcome.timings.winning.push(a.answered - a.sent);
          } else if (a.result === 'lost') outcome.lost += 1;
          else {
            outcome.noBed += 1;
            const opened = await gate(() => baselineDecline(pool, d, a.region));
            if (opened) next.push(opened);
          }
        }
        racing = next;
      }
    }),
  );
  const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM bench_baseline.requests WHERE status = 'escalated'`)).rows;
  outcome.escalated = n;
  outcome.unfinished = work.length - outcome.accepted - outcome.escalated;
  const { rows } = await pool.query(
    `SELECT extract(epoch FROM max(w.closed_at) - a.closed_at) * 1000 AS ms, bool_and(w.xmin::text = a.xmin::text) AS same_tx
     FROM bench_baseline.offers a JOIN bench_baseline.offers w ON w.request_id = a.request_id AND w.status = 'withdrawn'
     WHERE a.status = 'accepted' GROUP BY a.request_id, a.closed_at, a.xmin::text`,
  );
  outcome.timings.recorded = rows.map((w: { ms: string }) => Number(w.ms));
  outcome.timings.sameTransaction = rows.filter((w: { same_tx: boolean }) => w.same_tx).length;
  outcome.timings.withRecords = rows.length;
  return outcome;
}

async function proveBaseline(pool: Pool): Promise<Proof> {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  const overbooked = await q(`SELECT 1 FROM bench_baseline.capacity WHERE reserved > beds`);
  const mismatched = await q(
    `SELECT 1 FROM bench_baseline.capacity c LEFT JOIN bench_baseline.reservations r ON r.region = c.region AND r.care_level = c.care_level
     GROUP BY c.region, c.care_level, c.reserved HAVING c.reserved <> coalesce(sum(r.beds), 0)`,
  );
  const twice = await q(`SELECT request_id FROM bench_baseline.reservations GROUP BY request_id HAVING count(*) > 1`);
  const openAfter = await q(`SELECT 1 FROM bench_baseline.offers o JOIN bench_baseline.requests r ON r.id = o.request_id WHERE r.status = 'accepted' AND o.status = 'open'`);
  const totals = await q(
    `SELECT c.care_level, sum(c.beds)::int AS beds, sum(c.reserved)::int AS reserved,
       (SELECT coalesce(sum(r.beds), 0)::int FROM bench_baseline.reservations r WHERE r.care_level = c.care_level) AS booked
     FROM bench_baseline.capacity c GROUP BY c.care_level ORDER BY c.care_level`,
  );
  return proof(
    [
      ['(region, level) rows with reserved > beds', overbooked.length],
      ['(region, level) rows whose reserved ≠ the sum of its reservations', mismatched.length],
      ['requests with two reservations', twice.length],
      ['accepted requests with an offer still open', openAfter.length],
    ],
    totals,
  );
}

// ---------------------------------------------------------------------------------------------------------------

function printSide(name: string, o: Outcome, total: number, endToEnd?: number): number {
  const window = (o.lastAcceptance - o.firstAttempt) / 1000;
  const rate = o.accepted / window;
  const w = [...o.timings.winning].sort((a, b) => a - b);
  const r = [...o.timings.recorded].sort((a, b) => a - b);
  console.log(`${name}:`);
  console.log(`  requests   ${total}: ${o.accepted} accepted, ${o.escalated} escalated (every region declined), ${o.unfinished} unfinished`);
  console.log(`  attempts   ${o.won + o.noBed + o.lost} acceptances sent: ${o.won} won, ${o.lost} too late (withdrawn), ${o.noBed} refused for want of a bed (then declined)`);
  console.log(`  rate       ${fmt(rate)} acceptances/s over the race (${fmt(window, 2)} s from the first acceptance sent to the last accepted)${endToEnd === undefined ? '' : `; ${fmt(endToEnd)}/s end to end from the first request posted`}`);
  console.log(`  withdrawal acceptance sent → answered with the other offers withdrawn: p50 ${fmt(percentile(w, 50))} ms   p95 ${fmt(percentile(w, 95))} ms   max ${fmt(w[w.length - 1])} ms`);
  console.log(
    `             recorded (acceptance's write → withdrawals' write), ${o.timings.withRecords} requests with offers to withdraw: p50 ${fmt(percentile(r, 50), 3)} ms   p95 ${fmt(percentile(r, 95), 3)} ms; ` +
      `same transaction in ${o.timings.sameTransaction} of ${o.timings.withRecords}`,
  );
  return rate;
}

async function main(): Promise<number> {
  const wallStart = Date.now();
  log(`${REQUESTS} requests over ${REGIONS.length} regions, TRANSFER_OFFERS_AT_ONCE=${OFFERS_AT_ONCE}, ${IN_FLIGHT} calls in flight, seed ${SEED}`);
  const scratch = mkdtempSync(join(tmpdir(), 'vardflode-bench-transfers-'));
  chmodSync(scratch, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort(), database: 'vardflode_bench_transfers', log });
  let stack: { base: string; child: ChildProcess } | undefined;
  const pool = new Pool({ connectionString: pg.url, max: 10 });
  try {
    log('starting the stack (Temporal dev server, API, worker)…');
    stack = await startStack(pg.url, join(scratch, 'data'), { TRANSFER_OFFERS_AT_ONCE: String(OFFERS_AT_ONCE) });
    const api = new Api(stack.base, pLimit(IN_FLIGHT));
    for (const org of [...REGIONS, 'SOCIALSTYRELSEN']) await api.signIn(org);

    const declared = new Map(REGIONS.map((region, i) => [region, declaredBeds(i)]));
    for (const [region, beds] of declared) {
      for (const level of CARE_LEVELS) {
        const res = await api.call(region, 'PUT', `/transfers/capacity/${level}`, { beds: beds[level] });
        if (res.status !== 200) throw new Error(`PUT /transfers/capacity/${level} for ${region}: HTTP ${res.status} ${res.text}`);
      }
    }
    const work = demands();
    const need = (level: CareLevel) => work.filter((d) => d.careLevel === level).reduce((n, d) => n + d.patients, 0);
    const sum = (level: CareLevel) => [...declared.values()].reduce((n, b) => n + b[level], 0);
    log(`declared beds / beds requested: ${CARE_LEVELS.map((l) => `${l} ${sum(l)}/${need(l)}`).join(', ')}`);

    log('product: posting the requests; Socialstyrelsen approves; the offered regions race…');
    const product = await runProduct(api, pool, work);
    const endToEnd = product.outcome.accepted / ((product.outcome.lastAcceptance - product.startedAt) / 1000);
    const productProof = await proveProduct(pool, product.requests, declared);

    log('baseline: the same requests, proposals and beds as raw guarded UPDATEs…');
    const proposals = work.map((d) => ({ ...d, proposal: product.requests[d.n].proposal ?? [] }));
    const baseline = await runBaseline(pool, proposals, declared);
    const baselineProof = await proveBaseline(pool);

    console.log('');
    const productRate = printSide('product (API, workflows, PostgreSQL)', product.outcome, REQUESTS, endToEnd);
    console.log('  no double-booking (SQL on transfer_capacity, transfer_reservations, tasks):');
    for (const line of productProof.lines) console.log(`    ${line}`);
    console.log('');
    const baselineRate = printSide('baseline (raw guarded UPDATEs in PostgreSQL, no workflows)', baseline, REQUESTS);
    console.log('  no double-booking (SQL on the baseline tables):');
    for (const line of baselineProof.lines) console.log(`    ${line}`);
    console.log('');
    const p95 = percentile([...product.outcome.timings.winning].sort((a, b) => a - b), 95);
    console.log(`product / baseline acceptances/s over the race: ${fmt(productRate / baselineRate, 3)} × (for information: what the workflows, the API and the audit trail cost per acceptance)`);
    const finished = product.outcome.unfinished === 0 && baseline.unfinished === 0;
    const ok = productProof.ok && baselineProof.ok && finished && p95 < TARGET_WITHDRAWAL_P95_MS;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}: no double-booking ${productProof.ok && baselineProof.ok ? 'proven on both sides' : 'NOT PROVEN'}; ` +
        `every request accepted or escalated: ${finished ? 'yes' : 'NO'}; acceptance → withdrawal p95 ${fmt(p95)} ms (target < ${TARGET_WITHDRAWAL_P95_MS} ms); ` +
        `run time ${fmt((Date.now() - wallStart) / 1000)} s`,
    );
    return ok ? 0 : 1;
  } finally {
    await pool.end().catch(() => undefined);
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
    console.error(`bench:transfers failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
