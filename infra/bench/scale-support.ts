/**
 * What `npm run bench:scale` and `npm run faults` share: the launcher (`node dist/infra/stack/main.js`) as a child
 * process on ports and a data folder of its own, the discharge cases driven through its API, and the processes
 * under it found in /proc (by parent pid) for their RSS and CPU time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { freePort, waitFor } from '../net/ports';

/** The repository: three levels up from dist/infra/bench, two from infra/bench (jest runs this file from source). */
export const ROOT = existsSync(join(__dirname, '..', '..', 'package.json')) ? join(__dirname, '..', '..') : join(__dirname, '..', '..', '..');
const DAY_MS = 86_400_000;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function intSetting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

/** The p-th percentile of unsorted timings. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------------------------------------------
// The launcher

export interface StackOptions {
  mode: 'dev' | 'cluster';
  dataDir: string;
  workerCount: number;
  apiReplicas: number;
  /** Ports reused on a restart of the same data folder (the embedded PostgreSQL keeps its port). */
  ports?: StackPorts;
  extraEnv?: Record<string, string>;
  log: (line: string) => void;
  /** The launcher's own output lines (its `[stack] …` log, the banner); unset, its output is not read. */
  onOutput?: (line: string) => void;
}

export interface StackPorts {
  api: number;
  postgres: number;
  temporal: number;
  temporalUi: number;
}

export interface RunningStack {
  base: string;
  ports: StackPorts;
  child: ChildProcess;
  /** The application database of the launcher's embedded PostgreSQL. */
  databaseUrl: string;
  /** Any database on that PostgreSQL. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** True when this build has the Temporal cluster (infra/temporal/temporal-cluster.ts). */
export function clusterModeBuilt(): boolean {
  return existsSync(join(ROOT, 'dist', 'infra', 'temporal', 'temporal-cluster.js'));
}

/** True when this build's launcher reads TEMPORAL_MODE (its cluster mode). */
export function launcherClusterModeBuilt(): boolean {
  const config = join(ROOT, 'dist', 'libs', 'config', 'src', 'app-config.js');
  return clusterModeBuilt() && existsSync(config) && readFileSync(config, 'utf8').includes('TEMPORAL_MODE');
}

/**
 * `npm start`'s launcher with its own embedded PostgreSQL in `dataDir`, on free ports, until /health/ready. The
 * launcher runs in a process group of its own, so that a stop that hangs can end the whole tree.
 */
export async function startStack(o: StackOptions): Promise<RunningStack> {
  const ports = o.ports ?? { api: await freePort(), postgres: await freePort(), temporal: await freePort(), temporalUi: await freePort() };
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'infra', 'stack', 'main.js')], {
    cwd: ROOT,
    detached: true,
    env: {
      ...withoutProductVariables(process.env),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: o.dataDir,
      PORT: String(ports.api),
      EMBEDDED_POSTGRES_PORT: String(ports.postgres),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      TEMPORAL_MODE: o.mode,
      WORKER_COUNT: String(o.workerCount),
      API_REPLICAS: String(o.apiReplicas),
      // Thousands of calls a minute from one bench client is the load, not an attack.
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
      ...(o.extraEnv ?? {}),
    },
    stdio: ['ignore', o.onOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  if (o.onOutput) {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) o.onOutput!(line);
    });
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const exit = once(child, 'exit');
  const base = `http://127.0.0.1:${ports.api}`;
  const exitedEarly = exit.then(([code, signal]) => {
    throw new Error(`the launcher exited (code ${code}, signal ${signal}) before it was ready:\n${stderr}`);
  });
  exitedEarly.catch(() => undefined);
  await Promise.race([
    waitFor(`${base}/health/ready`, async () => (await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(4_000) }).catch(() => null))?.ok === true, 600_000, 500),
    exitedEarly,
  ]);
  const password = readFileSync(join(o.dataDir, 'postgres.password'), 'utf8').trim();
  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${ports.postgres}/${db}`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // unref: a stop that went well leaves no timer behind (jest waits for those).
      const timedOut = new Promise<void>((r) => setTimeout(r, 90_000).unref()).then(() => 'timeout' as const);
      if ((await Promise.race([exit.then(() => 'exited' as const), timedOut])) === 'timeout') {
        o.log('the launcher did not stop in 90 s: killing its process group');
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exit;
      }
    })());
  return { base, ports, child, databaseUrl: urlFor('vardflode'), urlFor, stop };
}

/** Variables the product reads: none leaks in from the caller's shell (as in engine.bench.ts). */
const PRODUCT_VARIABLES =
  /^(NODE_ENV|LOG_LEVEL|HOST|PORT|HTTP_BODY_LIMIT_BYTES|DATABASE_URL|DATA_DIR|EMBEDDED_POSTGRES_PORT|TEMPORAL_\w+|WORKER_COUNT|API_REPLICAS|DISCHARGE_\w+|REIMBURSEMENT_\w+|COORDINATION_\w+|AGREEMENT_\w+|AUTH_\w+|RATE_LIMIT_\w+|HTTP_\w+|API_DOCS_ENABLED|SUPERVISE_\w+)$/;

export function withoutProductVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!PRODUCT_VARIABLES.test(k) && !k.startsWith('BENCH_')) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes under the launcher

export type ProcessRole = 'api' | 'worker' | 'temporal' | 'temporal-ui' | 'postgres' | 'launcher' | 'other';

export interface Proc {
  pid: number;
  ppid: number;
  role: ProcessRole;
  /** The Temporal service (frontend, history, matching, worker) or the dev server ("dev server"). */
  label: string;
  cmdline: string[];
}

function readProc(pid: number): { ppid: number; cmdline: string[]; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { ppid: Number(fields[1]), cmdline, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;

function classify(pid: number, ppid: number, cmdline: string[], root: number): Proc {
  const joined = cmdline.join(' ');
  const exe = (cmdline[0] ?? '').split('/').pop() ?? '';
  let role: ProcessRole = 'other';
  let label = exe;
  if (pid === root) role = 'launcher';
  else if (joined.includes('apps/api/src/main.js')) role = 'api';
  else if (joined.includes('apps/worker/src/main.js')) role = 'worker';
  else if (exe === 'postgres' || joined.startsWith('postgres:')) role = 'postgres';
  else if (/\bui-server\b|temporal-ui|ui-config/.test(joined)) role = 'temporal-ui';
  else if (joined.includes('start-dev')) {
    role = 'temporal';
    label = 'dev server';
  } else if (/temporal|server/.test(exe)) {
    role = 'temporal';
    // The cluster's services: `--service=history`, `--services history`, `start --service history`, …
    const svc = SERVICES.find((s) => cmdline.some((a, i) => a === s || a.endsWith(`=${s}`) || (a.startsWith('--service') && cmdline[i + 1] === s)));
    label = svc ?? exe;
  }
  if (role === 'api' || role === 'worker') label = role;
  return { pid, ppid, role, label, cmdline };
}

/** Every process under `root` (itself included), by parent pid. */
export function processTree(root: number): Proc[] {
  const all = new Map<number, { ppid: number; cmdline: string[] }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) all.set(Number(name), p);
  }
  const out: Proc[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    const p = all.get(pid);
    if (!p) continue;
    out.push(classify(pid, p.ppid, p.cmdline, root));
    for (const [child, q] of all) if (q.ppid === pid) queue.push(child);
  }
  return out;
}

/** VmRSS of a process, MiB; NaN when it is gone. */
export function rssMib(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** RssAnon of a process (its private pages), MiB; NaN when it is gone. */
export function rssAnonMib(pid: number): number {
  try {
    const m = /^RssAnon:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** user+system clock ticks of a process (0 when gone). */
export function cpuTicks(pid: number): number {
  return readProc(pid)?.ticks ?? 0;
}

/** The machine's busy and total clock ticks (/proc/stat's cpu line). */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

const CLK_TCK = 100;

/** CPU used over a phase, per role of the processes under the launcher (in cores), and the machine's. */
export class CpuMeter {
  private readonly start: Map<number, number>;
  private readonly machine0 = machineTicks();
  private readonly t0 = performance.now();
  constructor(private readonly root: number) {
    this.start = new Map(processTree(root).map((p) => [p.pid, cpuTicks(p.pid)]));
  }

  /** Cores used per group (role, or the service for Temporal), and the machine's busy cores of all it has. */
  read(): { byGroup: Record<string, number>; machineBusy: number; machineCores: number } {
    const seconds = (performance.now() - this.t0) / 1000;
    const byGroup: Record<string, number> = {};
    for (const p of processTree(this.root)) {
      const group = p.role === 'temporal' ? `temporal ${p.label}` : p.role;
      byGroup[group] = (byGroup[group] ?? 0) + (cpuTicks(p.pid) - (this.start.get(p.pid) ?? 0)) / CLK_TCK / seconds;
    }
    const m = machineTicks();
    const cores = (m.total - this.machine0.total) / CLK_TCK / seconds;
    return { byGroup, machineBusy: (m.busy - this.machine0.busy) / CLK_TCK / seconds, machineCores: cores };
  }
}

/** Bytes of the dev server's SQLite database (the file and its WAL) in the launcher's data folder. */
export function sqliteBytes(dataDir: string): number {
  const dir = join(dataDir, 'temporal');
  if (!existsSync(dir)) return NaN;
  return readdirSync(dir)
    .filter((f) => f.startsWith('temporal.db'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The discharge cases, through the API

type Actor = 'hospital' | 'municipality' | 'vardcentral';
const ACTORS: Record<Actor, { org: string; role: Role }> = {
  hospital: { org: 'KS', role: 'case_handler' },
  municipality: { org: '0125', role: 'case_handler' },
  vardcentral: { org: 'VC-EKERO', role: 'case_handler' },
};

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** The next Tuesday at least two days ahead that is no Swedish public holiday, 08:00 UTC: a weekday discharge. */
function nextWeekdayDischarge(): string {
  const holidays = ['01-01', '01-06', '05-01', '06-06', '12-24', '12-25', '12-26', '12-31'];
  const d = new Date(Date.now() + 2 * DAY_MS);
  while (d.getUTCDay() !== 2 || holidays.includes(d.toISOString().slice(5, 10))) d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T08:00:00Z`;
}

/** An inskrivningsmeddelande from Karolinska for Ekerö (as engine.bench.ts's): its tasks carry deadline timers. */
export function dischargeNotice() {
  return {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: new Date(Date.now() - 3_600_000).toISOString(),
    estimatedDischargeDate: isoDay(3),
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
  };
}

type Step = { kind: 'ready' | 'discharge'; actor: 'hospital'; decision: Record<string, unknown> } | { kind: string; actor: Actor; decision: Record<string, unknown> };

/** The ten steps from an open case to its discharge (as engine.bench.ts's whole case). */
function caseSteps(): Step[] {
  return [
    { kind: 'discharge.acknowledge_notice', actor: 'municipality', decision: { acknowledged: true } },
    { kind: 'discharge.acknowledge_notice', actor: 'vardcentral', decision: { acknowledged: true } },
    { kind: 'discharge.appoint_fast_vardkontakt', actor: 'vardcentral', decision: { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78' } },
    { kind: 'discharge.needs_assessment', actor: 'municipality', decision: { outcome: 'granted', services: ['home_care'], startDate: isoDay(1) } },
    { kind: 'ready', actor: 'hospital', decision: {} },
    { kind: 'discharge.acknowledge_ready', actor: 'municipality', decision: { acknowledged: true } },
    { kind: 'discharge.acknowledge_ready', actor: 'vardcentral', decision: { acknowledged: true } },
    { kind: 'discharge.call_sip', actor: 'vardcentral', decision: { plannedSipDate: isoDay(2) } },
    { kind: 'discharge.takeover_medical_responsibility', actor: 'vardcentral', decision: { acknowledged: true } },
    { kind: 'discharge', actor: 'hospital', decision: {} },
  ];
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A completion the API accepted (200), or one answered 409 after an earlier try of it failed in transit. */
export interface Completion {
  taskId: string;
  ms: number;
  status: number;
}

export class ScaleClient {
  readonly completions: Completion[] = [];
  /** Failed calls that were retried (faults), by what failed. */
  readonly retried = new Map<string, number>();

  private constructor(
    private readonly base: string,
    private readonly tokens: Record<Actor, string>,
    private readonly db: Pool,
    /** Retry calls that fail in transit or with 5xx (the fault script), or fail at once (the bench). */
    private readonly retryFor: number,
  ) {}

  static async create(stack: { base: string; databaseUrl: string }, dataDir: string, retryForMs = 0): Promise<ScaleClient> {
    const tokens = {} as Record<Actor, string>;
    for (const [actor, a] of Object.entries(ACTORS) as [Actor, { org: string; role: Role }][]) {
      tokens[actor] = await signDevToken(dataDir, { organisationCode: a.org, roles: [a.role], personId: `bench-${actor}`, audience: 'vardflode', expiresIn: '24h' });
    }
    const db = new Pool({ connectionString: stack.databaseUrl, max: 4 });
    db.on('error', () => undefined); // a PostgreSQL restart ends idle connections; the next query reconnects
    return new ScaleClient(stack.base, tokens, db, retryForMs);
  }

  close(): Promise<void> {
    return this.db.end();
  }

  private noteRetry(what: string) {
    this.retried.set(what, (this.retried.get(what) ?? 0) + 1);
  }

  /** One call; in retry mode, failures in transit and 5xx are retried with the same body and headers. */
  async call<T>(actor: Actor, method: string, path: string, expect: number[], body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; ms: number; retried: boolean }> {
    const deadline = Date.now() + this.retryFor;
    let retried = false;
    for (;;) {
      const sent = performance.now();
      let status = 0;
      let text: string;
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.tokens[actor]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        text = await res.text();
      } catch (err) {
        text = (err as Error).message;
      }
      const ms = performance.now() - sent;
      if (expect.includes(status)) return { status, body: (text ? JSON.parse(text) : {}) as T, ms, retried };
      const transient = status === 0 || status >= 500;
      if (!transient || Date.now() > deadline) throw new HttpError(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${status || 'no answer'} (expected ${expect.join('/')}) ${text.slice(0, 300)}`, status);
      this.noteRetry(`${method} ${path.split('/')[1]} → ${status || 'no answer'}`);
      retried = true;
      await sleep(250);
    }
  }

  /** Opens a case with its own Idempotency-Key (retried with the same key in retry mode). */
  async openCase(key = `bench-scale-${randomUUID()}`): Promise<{ caseId: string; key: string; ms: number }> {
    const r = await this.call<{ caseId: string }>('hospital', 'POST', '/discharge-handovers', [200, 201], dischargeNotice(), { 'Idempotency-Key': key });
    return { caseId: r.body.caseId, key, ms: r.ms };
  }

  /** The open task of `kind` for `actor` on the case, read from the tasks projection (no inbox polling). */
  async findTask(actor: Actor, caseId: string, kind: string, timeoutMs = 120_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND assigned_org = $3 AND status = 'open' LIMIT 1`, [caseId, kind, ACTORS[actor].org]);
        if (rows.length) return rows[0].id;
      } catch (err) {
        if (Date.now() > deadline) throw err; // PostgreSQL restarting: retried until the deadline
      }
      if (Date.now() > deadline) throw new Error(`no open ${kind} task for the ${actor} on case ${caseId} within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  /** Completes a task; in retry mode a 409 after a failed try counts as its completion (the first try got through). */
  async complete(actor: Actor, taskId: string, decision: Record<string, unknown>): Promise<void> {
    const expect = this.retryFor > 0 ? [200, 409] : [200];
    const r = await this.call(actor, 'POST', `/tasks/${taskId}/complete`, expect, { decision });
    if (r.status === 409 && !r.retried) throw new HttpError(`POST /tasks/:id/complete: 409 on the first try`, 409);
    this.completions.push({ taskId, ms: r.ms, status: r.status });
  }

  /** Drives an open case through its ten steps to the discharge. */
  async discharge(caseId: string): Promise<void> {
    const planned = nextWeekdayDischarge();
    for (const s of caseSteps()) {
      if (s.kind === 'ready') {
        await this.call('hospital', 'POST', `/discharge-handovers/${caseId}/ready-for-discharge`, this.retryFor > 0 ? [200, 409] : [200], { declaredAt: new Date().toISOString(), plannedDischargeAt: planned });
      } else if (s.kind === 'discharge') {
        await this.call('hospital', 'POST', `/discharge-handovers/${caseId}/discharge`, this.retryFor > 0 ? [200, 409] : [200], { dischargedAt: new Date().toISOString() });
      } else {
        await this.complete(s.actor, await this.findTask(s.actor, caseId, s.kind), s.decision);
      }
    }
  }
}
