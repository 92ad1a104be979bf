/**
 * `npm run bench:engine`: the product's engine side by side with bare Temporal, on the same Temporal server and
 * the same PostgreSQL, in the same run. It starts everything itself on 127.0.0.1 (free ports, a throwaway data
 * folder): an embedded PostgreSQL, a Temporal CLI dev server (in memory), the real worker and the real API from
 * dist/ as child processes (as `npm start` runs them), and a baseline worker of its own on its own task queue.
 * The baseline is a bare workflow (baseline.workflows.ts, bundled here at start) whose every update runs ONE
 * activity doing ONE INSERT; the targets are defined against it. Beside it runs a like-for-like reference, the
 * `local ref`: the same bare workflow on the same worker, its INSERT run as ONE LOCAL activity, as the product's
 * case runtime writes each step. Its ratio is printed for information (what the case runtime itself costs over
 * bare Temporal with the same kind of write); it is no target and not in the pass/fail.
 *
 *   1. case open         K cases through POST /discharge-handovers, 16 in flight, vs K bare update-with-start
 *                        calls, 16 in flight (on each baseline). Target: product throughput ≥ 0.8 × baseline.
 *   2. task completion   POST /tasks/:id/complete one at a time vs a bare executeUpdate on a running workflow,
 *                        interleaved call by call. Target: product p50 ≤ 1.3 × baseline p50.
 *   3. whole case        a discharge from notice to discharge through the API, several cases at once, each
 *                        task found in the actor's inbox (GET /tasks?caseId&kind), vs one bare
 *                        update-with-start plus the same number of bare updates per case, same concurrency.
 *                        Target: product cases/s ≥ 0.7 × baseline.
 *   4. worker memory     the worker's RSS with 300, 600, 900 open cases, idle, after a full garbage collection
 *                        (gc-probe.ts). Target: flat (< 0.05 MiB per case between the last two steps).
 *
 * All three sides (product, baseline, local ref) are warmed up first; they run back to back, the order rotated each
 * round (P B L, B L P, L P B, …), or call by call in the same rotation for the sequential measurement. Measurement
 * 4 is the product's worker alone. Nothing is mocked. Exits 1 when a target is missed, 2 when the bench fails.
 * Sizes can be changed with BENCH_* variables (printed at start).
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { freePort, waitFor } from '../net/ports';
import { RunningPostgres, startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { ManagedProcess } from '../process/managed-process';
import { RunningDevServer, startTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { BASELINE_TABLE_DDL } from './baseline.activities';
import { BASELINE_LOCAL_WORKFLOW_TYPE, BASELINE_TASK_QUEUE, BASELINE_WORKFLOW_TYPE, BaselineStep, baselineStepUpdate } from './baseline.contract';
import { GC_MESSAGE } from './gc-probe';
import { inPool, type Run } from './in-pool';

const log = (line: string) => console.log(`[bench:engine] ${line}`);
const distRoot = resolve(__dirname, '..', '..');
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Settings

function intSetting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

function readSettings() {
  const s = {
    /** Measurement 1: cases opened per side (after the warm-up), and how many at a time. */
    openCases: intSetting('BENCH_OPEN_CASES', 240, 2),
    openConcurrency: intSetting('BENCH_OPEN_CONCURRENCY', 16),
    /** Measurement 2: sequential task completions per side (after the warm-up). */
    completions: intSetting('BENCH_COMPLETIONS', 60),
    /** Measurement 3: whole cases per side (after the warm-up), and how many at a time. */
    wholeCases: intSetting('BENCH_WHOLE_CASES', 24, 2),
    wholeConcurrency: intSetting('BENCH_WHOLE_CONCURRENCY', 4),
    /** Measurement 4: open cases after each step. */
    memorySteps: (process.env.BENCH_MEMORY_STEPS ?? '300,600,900').split(',').map((n) => Number(n.trim())),
      /** The workers' workflow cache bound (TEMPORAL_MAX_CACHED_WORKFLOWS), below the memory steps so they can show flatness. */
    maxCachedWorkflows: intSetting('BENCH_MAX_CACHED_WORKFLOWS', 100, 2),
    /** Warm-up per side before each measurement. */
    warmup: intSetting('BENCH_WARMUP', 16),
    /** Interleaved rounds per side for the throughput measurements (1 and 3), the sides' order rotated each round. */
    rounds: intSetting('BENCH_ROUNDS', 6, 1),
    /** The children's LOG_LEVEL: the bench measures the engine, not log formatting. */
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  if (s.memorySteps.length < 2 || s.memorySteps.some((n, i) => !Number.isInteger(n) || n < 1 || (i > 0 && n <= s.memorySteps[i - 1]))) {
    throw new Error(`BENCH_MEMORY_STEPS must be at least two increasing integers, e.g. 300,600,900 (got "${process.env.BENCH_MEMORY_STEPS}")`);
  }
  return s;
}

const S = (() => {
  try {
    return readSettings();
  } catch (err) {
    console.error(`bench:engine: ${(err as Error).message}`);
    return process.exit(2);
  }
})();

const TARGET = {
  openThroughputRatio: 0.8,
  completionP50Ratio: 1.3,
  wholeCaseRatio: 0.7,
  /**
   * MiB of worker RSS per added open case between the last two memory steps. A cached discharge workflow costs
   * about 0.35–0.4 MiB in this worker (with BENCH_MAX_CACHED_WORKFLOWS=2000 the same steps grew 0.355 and 0.380
   * MiB per case; the Temporal SDK's guidance is about 1 MB), so an unbounded cache grows 7× faster than this.
   * Below it is allocator noise: with the bound, readings after a full GC differed by 2–3 MiB per 300 cases
   * (±0.01 MiB per case); the threshold allows 15.
   */
  memoryMibPerCase: 0.05,
};

// ---------------------------------------------------------------------------------------------------------------
// Figures

interface Figures {
  count: number;
  perSecond: number;
  /** In flight over the median latency (Little's law with the median): not moved by a stall of a few calls. */
  steadyPerSecond: number;
  /** Each run's throughput, in the order they ran. */
  rates: number[];
  p50: number;
  p95: number;
  max: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * Latencies and throughput over all runs, with each run's own throughput. The dev server now and then stalls a few
 * calls for about 2 s, on either side and in no fixed pattern; in a short run that alone moves the measured
 * throughput by half. So the verdicts use the steady throughput by Little's law, the number in flight over the
 * median latency, which such a stall does not move; the plain figures are printed beside it.
 */
function figures(runs: Run[], inFlight = 1): Figures {
  const ms = runs.flatMap((r) => r.ms).sort((a, b) => a - b);
  const elapsed = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
  const p50 = percentile(ms, 50);
  return {
    count: ms.length,
    perSecond: ms.length / (elapsed / 1000),
    steadyPerSecond: inFlight / (p50 / 1000),
    rates: runs.map((r) => r.ms.length / (r.elapsedMs / 1000)),
    p50,
    p95: percentile(ms, 95),
    max: ms[ms.length - 1],
  };
}

/** Splits `total` into `rounds` nearly equal parts. */
const split = (total: number, rounds: number) => Array.from({ length: rounds }, (_, i) => Math.floor(total / rounds) + (i < total % rounds ? 1 : 0)).filter((n) => n > 0);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const line = (label: string, unit: string, f: Figures) =>
  `  ${label.padEnd(9)} ${String(f.count).padStart(5)} ${unit.padEnd(8)} ${fmt(f.perSecond, 2).padStart(8)}/s   p50 ${fmt(f.p50).padStart(8)} ms   p95 ${fmt(f.p95).padStart(8)} ms   max ${fmt(f.max).padStart(8)} ms`;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The three sides of measurements 1–3: the product, the baseline (regular activity) and the like-for-like reference (local activity). */
type Side = 'product' | 'baseline' | 'local';
const SIDES: readonly Side[] = ['product', 'baseline', 'local'];
/** The sides' order in round (or call) `k`: rotated by one each time, so each side runs first, second and last equally often. */
const sideOrder = (k: number): Side[] => SIDES.map((_, i) => SIDES[(i + k) % SIDES.length]);
const LOCAL_LABEL = 'local ref';
/** The informational like-for-like ratio line under a measurement's verdict. */
const likeForLike = (ratio: number, of: string) => `  vs like-for-like (local activity): ${fmt(ratio, 2)} × ${of} (informational: no target, not in the pass/fail)`;

// ---------------------------------------------------------------------------------------------------------------
// The product, through its HTTP API

interface TaskSummary {
  id: string;
  kind: string;
}

class HttpError extends Error {}

class Api {
  /** Extra inbox reads because a task was not there yet (measurement 3). */
  extraInboxReads = 0;

  constructor(
    private readonly base: string,
    private readonly tokens: Record<Actor, string>,
  ) {}

  async call<T>(actor: Actor, method: string, path: string, expect: number, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens[actor]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    if (res.status !== expect) throw new HttpError(`${method} ${path} as ${actor}: ${res.status} (expected ${expect}) ${text.slice(0, 400)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async openCase(): Promise<string> {
    const opened = await this.call<{ caseId: string }>('hospital', 'POST', '/discharge-handovers', 201, dischargeNotice(), {
      'Idempotency-Key': `bench-${randomUUID()}`,
    });
    return opened.caseId;
  }

  /** As a person would: the actor's inbox, filtered by case and kind, until the task is there. */
  async findTask(actor: Actor, caseId: string, kind: string): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (let read = 0; ; read++) {
      const page = await this.call<{ items: TaskSummary[] }>(actor, 'GET', `/tasks?caseId=${caseId}&kind=${kind}`, 200);
      if (page.items.length > 0) {
        this.extraInboxReads += read;
        return page.items[0].id;
      }
      if (Date.now() > deadline) throw new Error(`no ${kind} task for case ${caseId} reached the inbox of the ${actor}`);
      await sleep(20);
    }
  }

  complete(actor: Actor, taskId: string, decision: Record<string, unknown>): Promise<unknown> {
    return this.call(actor, 'POST', `/tasks/${taskId}/complete`, 200, { decision });
  }

  async answer(actor: Actor, caseId: string, kind: string, decision: Record<string, unknown>): Promise<void> {
    await this.complete(actor, await this.findTask(actor, caseId, kind), decision);
  }

  /** One discharge from notice to discharge: 11 actions (the open and 10 steps). */
  async wholeCase(): Promise<void> {
    const caseId = await this.openCase();
    for (const s of CASE_STEPS) {
      if (s.kind === 'ready') {
        const ready = await this.call<{ takeover?: { organisationCode: string } }>('hospital', 'POST', `/discharge-handovers/${caseId}/ready-for-discharge`, 200, {
          declaredAt: new Date().toISOString(),
          plannedDischargeAt: PLANNED_DISCHARGE_AT,
        });
        if (ready.takeover?.organisationCode !== 'VC-EKERO') throw new Error(`case ${caseId}: takeover goes to ${JSON.stringify(ready.takeover)}, not the vårdcentral`);
      } else if (s.kind === 'discharge') {
        const done = await this.call<{ status: string }>('hospital', 'POST', `/discharge-handovers/${caseId}/discharge`, 200, { dischargedAt: new Date().toISOString() });
        if (done.status !== 'discharged') throw new Error(`case ${caseId}: status ${done.status} after the discharge`);
      } else {
        await this.answer(s.actor, caseId, s.kind, s.decision);
      }
    }
  }
}

type Actor = 'hospital' | 'municipality' | 'vardcentral';
const ACTORS: Record<Actor, { org: string; role: Role }> = {
  hospital: { org: 'KS', role: 'case_handler' },
  municipality: { org: '0125', role: 'case_handler' },
  vardcentral: { org: 'VC-EKERO', role: 'case_handler' },
};

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** The next Tuesday at least two days ahead that is no Swedish public holiday, 10:00 Stockholm time: a weekday discharge. */
function nextWeekdayDischarge(): string {
  const holidays = ['01-01', '01-06', '05-01', '06-06', '12-24', '12-25', '12-26', '12-31'];
  const d = new Date(Date.now() + 2 * DAY_MS);
  while (d.getUTCDay() !== 2 || holidays.includes(d.toISOString().slice(5, 10))) d.setUTCDate(d.getUTCDate() + 1);
  // Stockholm is UTC+1 or UTC+2: 08:00 UTC is 09:00 or 10:00 there, a weekday morning either way.
  return `${d.toISOString().slice(0, 10)}T08:00:00Z`;
}
const PLANNED_DISCHARGE_AT = nextWeekdayDischarge();

/** An inskrivningsmeddelande from Karolinska for Ekerö, as in test/support/test-app.ts's dischargeNotice(). */
function dischargeNotice() {
  return {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: new Date(Date.now() - 3_600_000).toISOString(),
    estimatedDischargeDate: isoDay(3),
    careType: 'somatic',
    // Municipal and region services: a SIP is required.
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
  };
}

type CaseStep =
  | { kind: 'ready' | 'discharge'; actor: 'hospital'; decision: Record<string, unknown> }
  | { kind: string; actor: Actor; decision: Record<string, unknown> };

/** The 10 steps after the open, in order (measurement 3); the baseline does one bare update for each. */
const CASE_STEPS: CaseStep[] = [
  { kind: 'discharge.acknowledge_notice', actor: 'municipality', decision: { acknowledged: true } },
  { kind: 'discharge.acknowledge_notice', actor: 'vardcentral', decision: { acknowledged: true } },
  { kind: 'discharge.appoint_fast_vardkontakt', actor: 'vardcentral', decision: { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78' } },
  { kind: 'discharge.needs_assessment', actor: 'municipality', decision: { outcome: 'granted', services: ['home_care'], startDate: isoDay(1) } },
  { kind: 'ready', actor: 'hospital', decision: { plannedDischargeAt: PLANNED_DISCHARGE_AT } },
  { kind: 'discharge.acknowledge_ready', actor: 'municipality', decision: { acknowledged: true } },
  { kind: 'discharge.acknowledge_ready', actor: 'vardcentral', decision: { acknowledged: true } },
  { kind: 'discharge.call_sip', actor: 'vardcentral', decision: { plannedSipDate: isoDay(2) } },
  { kind: 'discharge.takeover_medical_responsibility', actor: 'vardcentral', decision: { acknowledged: true } },
  { kind: 'discharge', actor: 'hospital', decision: {} },
];

// ---------------------------------------------------------------------------------------------------------------
// The baselines: bare Temporal calls on the bench's own task queue

class Baseline {
  /**
   * @param workflowType `benchBaseline` (each update writes with one regular activity) or `benchBaselineLocal`
   *   (the same write as one local activity)
   */
  constructor(
    private readonly client: Client,
    private readonly workflowType: string,
    private readonly idPrefix: string,
  ) {}

  /** One bare update-with-start whose update runs one write activity. */
  async open(): Promise<string> {
    const workflowId = `${this.idPrefix}-${randomUUID()}`;
    await this.client.workflow.executeUpdateWithStart(baselineStepUpdate, {
      args: [{ step: 'open', data: dischargeNotice() }],
      startWorkflowOperation: new WithStartWorkflowOperation(this.workflowType, {
        taskQueue: BASELINE_TASK_QUEUE,
        workflowId,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    return workflowId;
  }

  /** One bare update on a running workflow, whose handler runs one write activity. */
  async step(workflowId: string, step: BaselineStep): Promise<void> {
    await this.client.workflow.getHandle(workflowId).executeUpdate(baselineStepUpdate, { args: [step] });
  }

  /** The same number of actions as the product's whole case: the open and one update per step. */
  async wholeCase(): Promise<void> {
    const workflowId = await this.open();
    for (const [i, s] of CASE_STEPS.entries()) {
      await this.step(workflowId, { step: s.kind, data: s.decision, last: i === CASE_STEPS.length - 1 });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The worker's memory

/** VmRSS of a process, MiB (Linux /proc). */
function rssMib(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/** CPU time (user + system) of a process, in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
}

/**
 * The RSS once the worker has settled: idle (under 3% of a core for a second), then after a full garbage
 * collection in each of its V8 isolates (gc-probe.ts, asked twice over IPC). Without it the reading swings by
 * 50–90 MiB with the time of the last collection. The median of five readings a second apart.
 */
async function settledRss(worker: ManagedProcess, pid: number): Promise<{ mib: number; beforeGcMib: number; settleMs: number }> {
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const before = cpuTicks(pid);
    await sleep(1_000);
    if (cpuTicks(pid) - before <= 3) break;
  }
  const beforeGcMib = rssMib(pid);
  for (let i = 0; i < 2; i++) {
    worker.child.send(GC_MESSAGE);
    await sleep(1_500);
  }
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssMib(pid));
    await sleep(1_000);
  }
  readings.sort((a, b) => a - b);
  return { mib: readings[2], beforeGcMib, settleMs: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------------------------
// The stack

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** Variables the product reads: none leaks in from the caller's shell, so the run is the same everywhere. */
const PRODUCT_VARIABLES =
  /^(NODE_ENV|LOG_LEVEL|HOST|PORT|HTTP_BODY_LIMIT_BYTES|DATABASE_URL|DATA_DIR|EMBEDDED_POSTGRES_PORT|TEMPORAL_\w+|DISCHARGE_\w+|REIMBURSEMENT_\w+|COORDINATION_\w+|AGREEMENT_\w+|AUTH_\w+|RATE_LIMIT_\w+|HTTP_\w+|API_DOCS_ENABLED)$/;

function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!PRODUCT_VARIABLES.test(k) && !k.startsWith('BENCH_')) env[k] = v;
  return { ...env, ...vars };
}

function startNodeChild(name: string, script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ManagedProcess {
  // Output is kept (the last few KB) for error messages; the IPC channel stops the child if the bench dies.
  return ManagedProcess.start(name, process.execPath, [...nodeFlags, script], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
}

async function bundleBaseline(base: string): Promise<string> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./baseline.workflows'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: (m) => log(`bundle: ${m}`), error: (m) => log(`bundle: ${m}`) },
  });
  const path = join(base, 'baseline-workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

// ---------------------------------------------------------------------------------------------------------------

interface Result {
  name: string;
  product: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
  /** The like-for-like reference (local activity) and the product's ratio to it: informational, not in `pass`. */
  local: string;
}

async function main(): Promise<number> {
  const wallStart = Date.now();
  const results: Result[] = [];
  const started: Stoppable[] = [];
  let stopping: Promise<void> | undefined;
  const base = mkdtempSync(join(tmpdir(), 'vardflode-bench-engine-'));
  chmodSync(base, 0o755); // PostgreSQL may run as the 'postgres' user and must reach its data folder

  // In reverse start order: API and workers, then Temporal, then PostgreSQL; once, whoever asks first.
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const part of [...started].reverse()) {
        await part.stop().catch((err: Error) => log(`${part.name} did not stop cleanly: ${err.message}`));
      }
      rmSync(base, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log('');
    log(`machine: ${cpus().length} cores, Node ${process.version}`);
    log(
      `sizes: open K=${S.openCases} (${S.openConcurrency} in flight), completions N=${S.completions} (sequential), ` +
        `whole cases C=${S.wholeCases} (${S.wholeConcurrency} at a time), memory steps ${S.memorySteps.join('/')} open cases, ` +
        `warm-up ${S.warmup} per side`,
    );
    log(
      `maxCachedWorkflows (TEMPORAL_MAX_CACHED_WORKFLOWS): product worker ${S.maxCachedWorkflows}, baseline worker ${2 * S.maxCachedWorkflows} ` +
        `(${S.maxCachedWorkflows} for each of its two workflow types); children's LOG_LEVEL=${S.logLevel}`,
    );
    log(
      'writes: the product each step of a case with one local activity (the case runtime; see README); the baseline each update with one ' +
        `regular activity (the targets are against it); the ${LOCAL_LABEL} each update with one local activity (like-for-like, informational)`,
    );
    log(`data folder (removed at the end): ${base}`);
    if (!existsSync(join(distRoot, 'workflow-bundle.js'))) log('dist/workflow-bundle.js is missing: the product worker bundles at start (run npm run build)');

    // PostgreSQL and Temporal, and the baseline's bundle, at once.
    const executable = await resolveTemporalCli(process.env.TEMPORAL_CLI, log);
    const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const [pgStart, temporalStart, bundleDone] = await Promise.allSettled([
      startEmbeddedPostgres({ dataDir: join(base, 'postgres'), port: pgPort, database: 'vardflode', log }),
      // In memory, headless: the same server for every side, and no disk in the way of either.
      startTemporalDevServer({ executable, ip: '127.0.0.1', port: temporalPort, namespace: 'default', log }),
      bundleBaseline(base),
    ]);
    if (pgStart.status === 'fulfilled') started.push({ name: 'PostgreSQL', stop: pgStart.value.stop });
    if (temporalStart.status === 'fulfilled') started.push({ name: 'Temporal dev server', stop: temporalStart.value.stop });
    for (const r of [pgStart, temporalStart, bundleDone]) if (r.status === 'rejected') throw r.reason;
    const pg = (pgStart as PromiseFulfilledResult<RunningPostgres>).value;
    const temporal = (temporalStart as PromiseFulfilledResult<RunningDevServer>).value;
    const bundlePath = (bundleDone as PromiseFulfilledResult<string>).value;
    log(`baseline workflow bundled (${bundlePath})`);

    const dataDir = join(base, 'data');
    mkdirSync(dataDir, { recursive: true });
    const common = {
      NODE_ENV: 'development',
      LOG_LEVEL: S.logLevel,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      DATA_DIR: dataDir,
      // The worker's SDK metrics port (default 127.0.0.1:9464) is npm start's; several workers here, or a stack
      // running beside this, would collide on it.
      WORKER_METRICS_ADDRESS: 'off',
      TEMPORAL_MAX_CACHED_WORKFLOWS: String(S.maxCachedWorkflows),
      // The bench drives the API from one IP with a few tokens, far beyond a person's pace: no rate limit.
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    };

    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    started.push({ name: 'bench database connection', stop: () => db.end() });
    await db.query(BASELINE_TABLE_DDL);

    const children: ManagedProcess[] = [];
    // The real worker, with the memory probe preloaded (measurement 4); nothing else differs from `npm start`.
    const worker = startNodeChild('worker', join(distRoot, 'apps/worker/src/main.js'), childEnv(common), [
      '--expose-gc',
      '--require',
      join(__dirname, 'gc-probe.js'),
    ]);
    started.push({ name: 'worker', stop: () => worker.stop('SIGTERM', 30_000) });
    const api = startNodeChild('api', join(distRoot, 'apps/api/src/main.js'), childEnv({ ...common, HOST: '127.0.0.1', PORT: String(apiPort) }));
    started.push({ name: 'API', stop: () => api.stop('SIGTERM', 30_000) });
    const baselineWorker = startNodeChild(
      'baseline worker',
      join(__dirname, 'baseline-worker.js'),
      // Two workflow types on one worker: the product's cache bound for each, so measurement 2's most recent
      // workflows of both are still cached, as the product's cases are in its own worker.
      childEnv({
        ...common,
        TEMPORAL_TASK_QUEUE: BASELINE_TASK_QUEUE,
        TEMPORAL_MAX_CACHED_WORKFLOWS: String(2 * S.maxCachedWorkflows),
        BENCH_BASELINE_BUNDLE: bundlePath,
      }),
    );
    started.push({ name: 'baseline worker', stop: () => baselineWorker.stop('SIGTERM', 30_000) });
    children.push(worker, api, baselineWorker);

    // A child that dies mid-run fails the bench at once, with its last output.
    let died: ((err: Error) => void) | undefined;
    const death = new Promise<never>((_, reject) => (died = reject));
    death.catch(() => undefined);
    for (const child of children) {
      void child.exit.then(({ code, signal }) => {
        if (!stopping) died?.(new Error(`the ${child.name} exited (code ${code}, signal ${signal}):\n${child.recentOutput}`));
      });
    }
    const guard = <T>(p: Promise<T>) => Promise.race([p, death]);

    const apiBase = `http://127.0.0.1:${apiPort}`;
    const baselineReady = new Promise<void>((r) => baselineWorker.child.once('message', () => r()));
    await guard(
      waitFor(`the API at ${apiBase}/health/ready`, async () => (await fetch(`${apiBase}/health/ready`, { signal: AbortSignal.timeout(4_000) })).status === 200, 120_000, 300),
    );
    await guard(baselineReady);
    log(`ready: API ${apiBase} (pid ${api.child.pid}), worker pid ${worker.child.pid}, baseline worker pid ${baselineWorker.child.pid}, Temporal ${temporal.address} (in memory)`);

    const tokens = {} as Record<Actor, string>;
    for (const [actor, a] of Object.entries(ACTORS) as [Actor, { org: string; role: Role }][]) {
      tokens[actor] = await signDevToken(dataDir, { organisationCode: a.org, roles: [a.role], personId: `bench-${actor}`, audience: 'vardflode' });
    }
    const product = new Api(apiBase, tokens);
    const connection = await Connection.connect({ address: temporal.address });
    started.push({ name: 'Temporal client', stop: () => connection.close() });
    const temporalClient = new Client({ connection, namespace: 'default' });
    const baseline = new Baseline(temporalClient, BASELINE_WORKFLOW_TYPE, 'bench-baseline');
    const localRef = new Baseline(temporalClient, BASELINE_LOCAL_WORKFLOW_TYPE, 'bench-local');
    const bare = { baseline, local: localRef };

    const openProductCases: string[] = [];
    const bareWorkflows = { baseline: [] as string[], local: [] as string[] };
    const openProduct = async () => {
      openProductCases.push(await product.openCase());
    };
    const opener: Record<Side, () => Promise<void>> = {
      product: openProduct,
      baseline: async () => {
        bareWorkflows.baseline.push(await baseline.open());
      },
      local: async () => {
        bareWorkflows.local.push(await localRef.open());
      },
    };
    const sideName = (side: Side) => (side === 'local' ? LOCAL_LABEL : side);
    const allFigures = (runs: Record<Side, Run[]>, inFlight: number): Record<Side, Figures> => ({
      product: figures(runs.product, inFlight),
      baseline: figures(runs.baseline, inFlight),
      local: figures(runs.local, inFlight),
    });
    const roundRates = (f: Record<Side, Figures>, digits: number) =>
      SIDES.map((side) => `${sideName(side)} ${f[side].rates.map((r) => fmt(r, digits)).join(' ')}/s`).join('; ');
    const steadyRates = (f: Record<Side, Figures>) => SIDES.map((side) => `${sideName(side)} ${fmt(f[side].steadyPerSecond, 2)}/s`).join(', ');

    // ---- 1. Case open --------------------------------------------------------------------------------------
    console.log('');
    log(`1. case open: warm-up (${S.warmup} per side, ${S.openConcurrency} in flight)…`);
    for (const side of SIDES) await guard(inPool(range(S.warmup), S.openConcurrency, opener[side]));
    const openRuns: Record<Side, Run[]> = { product: [], baseline: [], local: [] };
    for (const [round, n] of split(S.openCases, S.rounds).entries()) {
      for (const side of sideOrder(round)) {
        log(`1. case open: round ${round + 1}, ${sideName(side)}, ${n} opens…`);
        openRuns[side].push(await guard(inPool(range(n), S.openConcurrency, opener[side])));
      }
    }
    const open = allFigures(openRuns, S.openConcurrency);
    const openRatio = open.product.steadyPerSecond / open.baseline.steadyPerSecond;
    const openLocalRatio = open.product.steadyPerSecond / open.local.steadyPerSecond;
    console.log('');
    console.log(`1. Case open: ${S.openCases} per side, ${S.openConcurrency} in flight`);
    console.log(line('product', 'cases', open.product) + '   POST /discharge-handovers');
    console.log(line('baseline', 'opens', open.baseline) + '   executeUpdateWithStart, 1 write activity');
    console.log(line(LOCAL_LABEL, 'opens', open.local) + '   executeUpdateWithStart, 1 local-activity write');
    console.log(`  rounds    ${roundRates(open, 1)}, in the order they ran`);
    console.log(`  steady    ${steadyRates(open)} (${S.openConcurrency} in flight / p50)`);
    console.log(`  ratio     ${fmt(openRatio, 2)} × baseline steady throughput (target ≥ ${TARGET.openThroughputRatio}) ${verdict(openRatio >= TARGET.openThroughputRatio)}`);
    console.log(likeForLike(openLocalRatio, `${LOCAL_LABEL} steady throughput`));
    results.push({
      name: '1 case open',
      product: `${fmt(open.product.steadyPerSecond, 2)} cases/s`,
      baseline: `${fmt(open.baseline.steadyPerSecond, 2)} opens/s`,
      ratio: fmt(openRatio, 2),
      target: `≥ ${TARGET.openThroughputRatio}`,
      pass: openRatio >= TARGET.openThroughputRatio,
      local: `${fmt(openLocalRatio, 2)} (${fmt(open.local.steadyPerSecond, 2)} opens/s)`,
    });

    // ---- 2. Task completion -----------------------------------------------------------------------------------
    console.log('');
    const nCompletions = Math.min(S.completions + S.warmup, openProductCases.length, bareWorkflows.baseline.length, bareWorkflows.local.length);
    const warm2 = Math.min(S.warmup, nCompletions - 1);
    // The most recently opened cases and workflows: the step itself is measured, not a cache miss's replay.
    const completionCases = openProductCases.slice(-nCompletions);
    const completionWorkflows = { baseline: bareWorkflows.baseline.slice(-nCompletions), local: bareWorkflows.local.slice(-nCompletions) };
    log(`2. task completion: finding ${nCompletions} municipality acknowledgement tasks in the inbox (not timed)…`);
    const taskIds: string[] = [];
    for (const caseId of completionCases) taskIds.push(await guard(product.findTask('municipality', caseId, 'discharge.acknowledge_notice')));
    log(`2. task completion: ${warm2} warm-up and ${nCompletions - warm2} measured per side, one at a time, the three sides' order rotated call by call…`);
    const completionMs: Record<Side, number[]> = { product: [], baseline: [], local: [] };
    for (let i = 0; i < nCompletions; i++) {
      const timed = async (side: Side) => {
        const t0 = performance.now();
        if (side === 'product') await product.complete('municipality', taskIds[i], { acknowledged: true });
        else await bare[side].step(completionWorkflows[side][i], { step: 'discharge.acknowledge_notice', data: { acknowledged: true } });
        if (i >= warm2) completionMs[side].push(performance.now() - t0);
      };
      for (const side of sideOrder(i)) await guard(timed(side));
    }
    // Sequential: the throughput is one over the mean latency.
    const sequential = (ms: number[]) => figures([{ ms, elapsedMs: ms.reduce((a, b) => a + b, 0) }]);
    const completion = { product: sequential(completionMs.product), baseline: sequential(completionMs.baseline), local: sequential(completionMs.local) };
    const completionRatio = completion.product.p50 / completion.baseline.p50;
    const completionLocalRatio = completion.product.p50 / completion.local.p50;
    console.log('');
    console.log(`2. Task completion: ${completion.product.count} per side, sequential, interleaved`);
    console.log(line('product', 'tasks', completion.product) + '   POST /tasks/:id/complete (discharge.acknowledge_notice)');
    console.log(line('baseline', 'updates', completion.baseline) + '   executeUpdate, 1 write activity');
    console.log(line(LOCAL_LABEL, 'updates', completion.local) + '   executeUpdate, 1 local-activity write');
    console.log(`  ratio     ${fmt(completionRatio, 2)} × baseline p50 (target ≤ ${TARGET.completionP50Ratio}) ${verdict(completionRatio <= TARGET.completionP50Ratio)}`);
    console.log(likeForLike(completionLocalRatio, `${LOCAL_LABEL} p50`));
    results.push({
      name: '2 task completion',
      product: `p50 ${fmt(completion.product.p50)} ms`,
      baseline: `p50 ${fmt(completion.baseline.p50)} ms`,
      ratio: fmt(completionRatio, 2),
      target: `≤ ${TARGET.completionP50Ratio}`,
      pass: completionRatio <= TARGET.completionP50Ratio,
      local: `${fmt(completionLocalRatio, 2)} (p50 ${fmt(completion.local.p50)} ms)`,
    });

    // ---- 3. A whole discharge case ------------------------------------------------------------------------------
    console.log('');
    const warm3 = Math.min(S.warmup, S.wholeConcurrency);
    const wholeCase: Record<Side, () => Promise<void>> = {
      product: () => product.wholeCase(),
      baseline: () => baseline.wholeCase(),
      local: () => localRef.wholeCase(),
    };
    log(`3. whole case: warm-up (${warm3} per side)…`);
    for (const side of SIDES) await guard(inPool(range(warm3), S.wholeConcurrency, wholeCase[side]));
    product.extraInboxReads = 0;
    const wholeRuns: Record<Side, Run[]> = { product: [], baseline: [], local: [] };
    for (const [round, n] of split(S.wholeCases, Math.min(S.rounds, Math.floor(S.wholeCases / S.wholeConcurrency) || 1)).entries()) {
      for (const side of sideOrder(round)) {
        log(`3. whole case: round ${round + 1}, ${sideName(side)}, ${n} cases…`);
        wholeRuns[side].push(await guard(inPool(range(n), S.wholeConcurrency, wholeCase[side])));
      }
    }
    const whole = allFigures(wholeRuns, S.wholeConcurrency);
    const wholeRatio = whole.product.steadyPerSecond / whole.baseline.steadyPerSecond;
    const wholeLocalRatio = whole.product.steadyPerSecond / whole.local.steadyPerSecond;
    const inboxReads = CASE_STEPS.filter((s) => s.kind !== 'ready' && s.kind !== 'discharge').length;
    console.log('');
    console.log(`3. Whole discharge case: ${S.wholeCases} per side, ${S.wholeConcurrency} at a time; ${CASE_STEPS.length + 1} actions per case`);
    console.log(line('product', 'cases', whole.product) + `   ${CASE_STEPS.length + 1} API calls + ${inboxReads} inbox reads per case`);
    console.log(line('baseline', 'cases', whole.baseline) + `   1 update-with-start + ${CASE_STEPS.length} updates per case, 1 write activity each`);
    console.log(line(LOCAL_LABEL, 'cases', whole.local) + `   1 update-with-start + ${CASE_STEPS.length} updates per case, 1 local-activity write each`);
    console.log(`  the product read an inbox ${product.extraInboxReads} more time(s) in all because a task was not there yet`);
    console.log(`  rounds    ${roundRates(whole, 2)}, in the order they ran`);
    console.log(`  steady    ${steadyRates(whole)} (${S.wholeConcurrency} in flight / p50)`);
    console.log(`  ratio     ${fmt(wholeRatio, 2)} × baseline steady cases/s (target ≥ ${TARGET.wholeCaseRatio}) ${verdict(wholeRatio >= TARGET.wholeCaseRatio)}`);
    console.log(likeForLike(wholeLocalRatio, `${LOCAL_LABEL} steady cases/s`));
    results.push({
      name: '3 whole case',
      product: `${fmt(whole.product.steadyPerSecond, 2)} cases/s`,
      baseline: `${fmt(whole.baseline.steadyPerSecond, 2)} cases/s`,
      ratio: fmt(wholeRatio, 2),
      target: `≥ ${TARGET.wholeCaseRatio}`,
      pass: wholeRatio >= TARGET.wholeCaseRatio,
      local: `${fmt(wholeLocalRatio, 2)} (${fmt(whole.local.steadyPerSecond, 2)} cases/s)`,
    });

    // ---- 4. Worker memory ----------------------------------------------------------------------------------------
    console.log('');
    const pid = worker.child.pid;
    if (pid === undefined || !existsSync(`/proc/${pid}/status`)) {
      console.log('4. Worker memory: not measured (needs Linux /proc)');
      results.push({ name: '4 worker memory', product: 'n/a', baseline: '-', ratio: '-', target: `< ${TARGET.memoryMibPerCase} MiB/case`, pass: false, local: '-' });
    } else {
      // Every case opened so far is still open (the whole cases of measurement 3 are discharged).
      let openNow = openProductCases.length;
      const readings: { open: number; mib: number; beforeGcMib: number; settleMs: number }[] = [];
      for (const target of S.memorySteps) {
        if (target > openNow) {
          log(`4. worker memory: ${openNow} cases open; opening ${target - openNow} more (${S.openConcurrency} in flight)…`);
          await guard(inPool(range(target - openNow), S.openConcurrency, openProduct));
          openNow = target;
        }
        log(`4. worker memory: ${openNow} cases open; reading the worker's RSS once it is idle, after a full garbage collection…`);
        readings.push({ open: openNow, ...(await guard(settledRss(worker, pid))) });
      }
      console.log('');
      console.log(`4. Worker memory: RSS of the worker process (pid ${pid}), idle, after a full GC; maxCachedWorkflows ${S.maxCachedWorkflows}`);
      for (const [i, r] of readings.entries()) {
        const prev = readings[i - 1];
        const slope = prev && r.open > prev.open ? `   ${fmt((r.mib - prev.mib) / (r.open - prev.open), 3).padStart(7)} MiB per added case` : '';
        console.log(
          `  ${String(r.open).padStart(5)} open cases   ${fmt(r.mib).padStart(7)} MiB   (${fmt(r.beforeGcMib)} MiB before the GC; read after ${fmt(r.settleMs / 1000)} s)${slope}`,
        );
      }
      const [a, b] = readings.slice(-2);
      const lastSlope = (b.mib - a.mib) / (b.open - a.open);
      console.log(`  last step: ${fmt(lastSlope, 3)} MiB per added case (target < ${TARGET.memoryMibPerCase}; an unbounded cache grows about 0.37 MiB per case) ${verdict(lastSlope < TARGET.memoryMibPerCase)}`);
      results.push({
        name: '4 worker memory',
        product: `${fmt(lastSlope, 3)} MiB/case`,
        baseline: '-',
        ratio: '-',
        target: `< ${TARGET.memoryMibPerCase} MiB/case`,
        pass: lastSlope < TARGET.memoryMibPerCase,
        local: '-',
      });
    }
  } finally {
    log('stopping everything…');
    await stopAll();
  }

  console.log('');
  console.log('Summary (same Temporal server and PostgreSQL, same run; verdicts against the baseline, 1 write activity per update)');
  const cols = [19, 17, 17, 7, 17, 7];
  const row = (cells: string[]) => cells.map((c, i) => (i < cols.length ? c.padEnd(cols[i]) : c)).join(' ');
  console.log(row(['measurement', 'product', 'baseline', 'ratio', 'target', 'result', `vs ${LOCAL_LABEL}, 1 local-activity write (info, no target)`]));
  for (const r of results) console.log(row([r.name, r.product, r.baseline, r.ratio, r.target, verdict(r.pass), r.local]));
  const failed = results.filter((r) => !r.pass).length;
  console.log('');
  console.log(`${failed === 0 ? 'PASS' : 'FAIL'}: ${results.length - failed} of ${results.length} targets met; run time ${fmt((Date.now() - wallStart) / 1000)} s`);
  return failed === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`bench:engine failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
