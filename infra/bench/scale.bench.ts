/**
 * `npm run bench:scale` (issue 16): thousands of open discharge cases on the Temporal dev server and on the
 * Temporal cluster, side by side in one run. Each side is `npm start`'s launcher (`node dist/infra/stack/main.js`)
 * as a child process with TEMPORAL_MODE=dev or cluster, WORKER_COUNT and API_REPLICAS, on free ports with its own
 * data folder and embedded PostgreSQL, driven over HTTP only:
 *
 *   open       N discharge cases through POST /discharge-handovers (BENCH_SCALE_IN_FLIGHT at a time), each with
 *              its tasks' deadline timers live in Temporal; they stay open. Stops at N or after
 *              BENCH_SCALE_OPEN_SECONDS, and says which.
 *   discharge  D of them (N/10) driven, BENCH_SCALE_DISCHARGE_IN_FLIGHT at a time, through their ten steps to the discharge while all the others stay open,
 *              each task found in the tasks projection and completed with POST /tasks/:id/complete; the p95 of a
 *              completion is the call's time. Stops at D or after BENCH_SCALE_DISCHARGE_SECONDS.
 *   figures    start throughput, completion p50/p95, the Temporal database size (dev: the SQLite file and its WAL;
 *              cluster: pg_database_size of its databases), the RSS of every process under the launcher (VmRSS,
 *              found by parent pid in /proc), and the CPU each part used in each phase beside the machine's: a
 *              machine at ≥ 90 % of its cores is CPU-bound; otherwise the part with the most CPU or the server's
 *              latency is the limit.
 *
 * In cluster mode it first opens cases for BENCH_SCALE_PROBE_SECONDS with each WORKER_COUNT of
 * BENCH_SCALE_WORKER_COUNTS but the last (a restart of the same data: the cases stay), then the full run with the
 * last; the opening throughput over the first probe-length window of each is printed side by side.
 *
 * BENCH_SCALE_CASES (10000), BENCH_SCALE_DISCHARGE (N/10), BENCH_SCALE_IN_FLIGHT (16 opens at a time),
 * BENCH_SCALE_DISCHARGE_IN_FLIGHT (4 cases driven at a time), BENCH_SCALE_OPEN_SECONDS
 * (180), BENCH_SCALE_DISCHARGE_SECONDS (120), BENCH_SCALE_MODES (dev,cluster), BENCH_SCALE_WORKER_COUNTS (1,2),
 * BENCH_SCALE_API_REPLICAS (2), BENCH_SCALE_PROBE_SECONDS (30). Exits 2 when the bench fails.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import pLimit from 'p-limit';
import { CpuMeter, launcherClusterModeBuilt, intSetting, percentile, processTree, rssAnonMib, rssMib, ScaleClient, sqliteBytes, startStack, type RunningStack } from './scale-support';

const log = (line: string) => console.log(`[bench:scale] ${line}`);

const CASES = intSetting('BENCH_SCALE_CASES', 10_000);
const S = {
  cases: CASES,
  discharge: intSetting('BENCH_SCALE_DISCHARGE', Math.max(1, Math.floor(CASES / 10))),
  inFlight: intSetting('BENCH_SCALE_IN_FLIGHT', 16),
  /** Cases driven at a time: a completion's p95 is its own time, not a queue behind 15 others on two cores. */
  dischargeInFlight: intSetting('BENCH_SCALE_DISCHARGE_IN_FLIGHT', 4),
  openSeconds: intSetting('BENCH_SCALE_OPEN_SECONDS', 180),
  dischargeSeconds: intSetting('BENCH_SCALE_DISCHARGE_SECONDS', 120),
  probeSeconds: intSetting('BENCH_SCALE_PROBE_SECONDS', 30),
  modes: (process.env.BENCH_SCALE_MODES ?? 'dev,cluster').split(',').map((m) => m.trim()) as ('dev' | 'cluster')[],
  workerCounts: (process.env.BENCH_SCALE_WORKER_COUNTS ?? '1,2').split(',').map((n) => Number(n.trim())),
  apiReplicas: intSetting('BENCH_SCALE_API_REPLICAS', 2),
};

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MiB`;

interface OpenResult {
  opened: string[];
  failed: number;
  seconds: number;
  /** Opened within the first probe window (throughput comparable between runs). */
  firstWindow: number;
  stoppedBy: string;
  p95: number;
  cpu: ReturnType<CpuMeter['read']>;
}

async function openCases(stack: RunningStack, client: ScaleClient, target: number, seconds: number): Promise<OpenResult> {
  const meter = new CpuMeter(stack.child.pid!);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const opened: string[] = [];
  const times: number[] = [];
  let failed = 0;
  let firstWindow = 0;
  let next = 0;
  let lastLog = started;
  let stoppedBy = `all ${target} opened`;
  const lane = async () => {
    while (next < target && performance.now() < deadline && failed < 50) {
      next++;
      try {
        const r = await client.openCase();
        opened.push(r.caseId);
        times.push(r.ms);
        if (performance.now() - started <= S.probeSeconds * 1000) firstWindow++;
      } catch (err) {
        failed++;
        if (failed <= 3) log(`an open failed: ${(err as Error).message}`);
      }
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  ${opened.length} opened, ${fmt(opened.length / ((lastLog - started) / 1000))}/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: S.inFlight }, lane));
  if (failed >= 50) stoppedBy = `${failed} opens failed`;
  else if (opened.length < target) stoppedBy = `the ${seconds} s budget (BENCH_SCALE_OPEN_SECONDS) ran out`;
  return { opened, failed, seconds: (performance.now() - started) / 1000, firstWindow, stoppedBy, p95: percentile(times, 95), cpu: meter.read() };
}

interface DischargeResult {
  discharged: number;
  failed: number;
  seconds: number;
  stoppedBy: string;
  completions: number[];
  cpu: ReturnType<CpuMeter['read']>;
}

async function dischargeCases(stack: RunningStack, client: ScaleClient, caseIds: string[], seconds: number): Promise<DischargeResult> {
  const meter = new CpuMeter(stack.child.pid!);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const before = client.completions.length;
  let discharged = 0;
  let failed = 0;
  const limit = pLimit(S.dischargeInFlight);
  await Promise.all(
    caseIds.map((id) =>
      limit(async () => {
        if (performance.now() > deadline || failed >= 20) return;
        try {
          await client.discharge(id);
          discharged++;
        } catch (err) {
          failed++;
          if (failed <= 3) log(`a discharge failed: ${(err as Error).message}`);
        }
      }),
    ),
  );
  const stoppedBy = failed >= 20 ? `${failed} discharges failed` : discharged < caseIds.length ? `the ${seconds} s budget (BENCH_SCALE_DISCHARGE_SECONDS) ran out` : `all ${caseIds.length} discharged`;
  return { discharged, failed, seconds: (performance.now() - started) / 1000, stoppedBy, completions: client.completions.slice(before).map((c) => c.ms), cpu: meter.read() };
}

/** The Temporal databases' size: the SQLite file (dev), or pg_database_size of the `temporal*` databases (cluster). */
async function temporalDatabaseSize(stack: RunningStack, mode: 'dev' | 'cluster', dataDir: string): Promise<string> {
  if (mode === 'dev') return `${mib(sqliteBytes(dataDir))} (SQLite ${join('DATA_DIR', 'temporal', 'temporal.db')} and its WAL)`;
  const db = new PgClient({ connectionString: stack.urlFor('postgres') });
  await db.connect();
  try {
    const { rows } = await db.query<{ datname: string; bytes: string }>(`SELECT datname, pg_database_size(datname)::text AS bytes FROM pg_database WHERE datname LIKE 'temporal%' ORDER BY datname`);
    if (!rows.length) return '– (no temporal* database on the launcher\'s PostgreSQL)';
    const total = rows.reduce((s, r) => s + Number(r.bytes), 0);
    return `${mib(total)} (${rows.map((r) => `${r.datname} ${mib(Number(r.bytes))}`).join(', ')})`;
  } finally {
    await db.end();
  }
}

function rssLines(stack: RunningStack): string[] {
  const procs = processTree(stack.child.pid!);
  const pgBackends = procs.filter((p) => p.role === 'postgres');
  const lines = procs
    .filter((p) => p.role !== 'postgres' && p.role !== 'other')
    .map((p) => `${(p.role === 'temporal' ? `temporal ${p.label}` : p.role).padEnd(20)} pid ${String(p.pid).padEnd(8)} ${fmt(rssMib(p.pid)).padStart(7)} MiB`);
  const postmaster = pgBackends.find((p) => !pgBackends.some((q) => q.pid === p.ppid));
  if (postmaster) {
    const backends = pgBackends.filter((p) => p !== postmaster);
    lines.push(`${'postgres'.padEnd(20)} pid ${String(postmaster.pid).padEnd(8)} ${fmt(rssMib(postmaster.pid)).padStart(7)} MiB, and ${backends.length} backends ${fmt(backends.reduce((s, p) => s + (rssAnonMib(p.pid) || 0), 0))} MiB private (RssAnon)`);
  }
  return lines;
}

function cpuLine(cpu: ReturnType<CpuMeter['read']>): string {
  const parts = Object.entries(cpu.byGroup)
    .filter(([, v]) => v >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v, 2)}`);
  return `CPU (cores): ${parts.join(', ')}; machine busy ${fmt(cpu.machineBusy, 2)} of ${fmt(cpu.machineCores, 0)}`;
}

function verdict(cpu: ReturnType<CpuMeter['read']>, inFlight: number): string {
  const top = Object.entries(cpu.byGroup).sort((a, b) => b[1] - a[1])[0];
  const ours = Object.values(cpu.byGroup).reduce((a, b) => a + b, 0);
  const busy = `the machine ${fmt((100 * cpu.machineBusy) / cpu.machineCores, 0)} % busy, ${fmt(ours, 2)} cores of it this stack's`;
  if (cpu.machineBusy >= 0.9 * cpu.machineCores) {
    const shared = ours < 0.7 * cpu.machineBusy ? '; the rest other processes on the machine, so the figures are low' : '';
    return `the CPU (${busy}${shared}; the largest share: ${top?.[0]} ${fmt(top?.[1] ?? NaN, 2)} cores)`;
  }
  if (top && top[1] >= 0.9) return `one process's core (${top[0]} at ${fmt(top[1], 2)} cores; ${busy})`;
  return `latency, not CPU (${busy}): the server's round trips at ${inFlight} in flight`;
}

interface SideReport {
  name: string;
  lines: string[];
  summary: { opened: number; openRate: number; p95: number; dbSize: string };
}

async function runSide(mode: 'dev' | 'cluster', workerCount: number, apiReplicas: number, probes: { workers: number; rate: number }[]): Promise<SideReport> {
  const name = `${mode} (WORKER_COUNT ${workerCount}, API_REPLICAS ${apiReplicas})`;
  const dataDir = mkdtempSync(join(tmpdir(), `vardflode-scale-${mode}-`));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when the bench runs as root
  const lines: string[] = [];
  let stack: RunningStack | undefined;
  try {
    if (mode === 'cluster') {
      for (const workers of S.workerCounts.slice(0, -1)) {
        log(`${mode}: probe with WORKER_COUNT ${workers}: starting the launcher…`);
        const t0 = performance.now();
        stack = await startStack({ mode, dataDir, workerCount: workers, apiReplicas, log });
        log(`${mode}: ready in ${fmt((performance.now() - t0) / 1000)} s; opening cases for ${S.probeSeconds} s`);
        const client = await ScaleClient.create(stack, dataDir);
        const probe = await openCases(stack, client, S.cases, S.probeSeconds);
        await client.close();
        probes.push({ workers, rate: probe.opened.length / probe.seconds });
        lines.push(`probe WORKER_COUNT ${workers}: ${probe.opened.length} opened in ${fmt(probe.seconds)} s: ${fmt(probe.opened.length / probe.seconds)} cases/s; ${cpuLine(probe.cpu)}`);
        const ports = stack.ports;
        await stack.stop();
        stack = undefined;
        log(`${mode}: restarting with WORKER_COUNT ${workerCount} on the same data`);
        const t1 = performance.now();
        stack = await startStack({ mode, dataDir, workerCount, apiReplicas, ports, log });
        log(`${mode}: ready again in ${fmt((performance.now() - t1) / 1000)} s`);
      }
    }
    if (!stack) {
      log(`${name}: starting the launcher…`);
      const t0 = performance.now();
      stack = await startStack({ mode, dataDir, workerCount, apiReplicas, log });
      log(`${name}: ready in ${fmt((performance.now() - t0) / 1000)} s`);
    }
    const temporal = processTree(stack.child.pid!).filter((p) => p.role === 'temporal').map((p) => p.label);
    lines.push(`Temporal processes: ${temporal.join(', ') || 'none found under the launcher'}`);
    if (mode === 'cluster' && !temporal.some((l) => l === 'history')) lines.push('WARNING: no history service under the launcher: is this the cluster?');
    const client = await ScaleClient.create(stack, dataDir);
    log(`${name}: opening up to ${S.cases} cases, ${S.inFlight} in flight, for at most ${S.openSeconds} s`);
    const open = await openCases(stack, client, S.cases, S.openSeconds);
    const openRate = open.opened.length / open.seconds;
    if (mode === 'cluster') probes.push({ workers: workerCount, rate: Math.min(open.opened.length, open.firstWindow) / Math.min(open.seconds, S.probeSeconds) });
    lines.push(`open       ${open.opened.length} cases in ${fmt(open.seconds)} s: ${fmt(openRate)} cases/s (p95 ${fmt(open.p95, 0)} ms per open); ${open.failed} failed; stopped by: ${open.stoppedBy}`);
    lines.push(`           ${cpuLine(open.cpu)}`);
    lines.push(`           limit: ${verdict(open.cpu, S.inFlight)}`);
    const dbAfterOpen = await temporalDatabaseSize(stack, mode, dataDir);
    lines.push(`Temporal database with ${open.opened.length} open cases: ${dbAfterOpen}`);
    const toDischarge = open.opened.slice(0, Math.min(S.discharge, Math.max(1, Math.floor(open.opened.length / 10))));
    log(`${name}: driving ${toDischarge.length} of them to the discharge (the other ${open.opened.length - toDischarge.length} stay open), for at most ${S.dischargeSeconds} s`);
    const dis = await dischargeCases(stack, client, toDischarge, S.dischargeSeconds);
    await client.close();
    lines.push(
      `discharge  ${dis.discharged} of ${toDischarge.length} cases in ${fmt(dis.seconds)} s (${fmt(dis.discharged / dis.seconds, 2)} cases/s), ${dis.failed} failed; stopped by: ${dis.stoppedBy}`,
    );
    lines.push(`           task completion (POST /tasks/:id/complete, ${dis.completions.length}): p50 ${fmt(percentile(dis.completions, 50), 0)} ms, p95 ${fmt(percentile(dis.completions, 95), 0)} ms, max ${fmt(Math.max(...dis.completions), 0)} ms`);
    lines.push(`           ${cpuLine(dis.cpu)}`);
    lines.push(`           limit: ${verdict(dis.cpu, S.dischargeInFlight)}`);
    const dbSize = await temporalDatabaseSize(stack, mode, dataDir);
    lines.push(`Temporal database at the end: ${dbSize}`);
    lines.push('RSS (VmRSS) of the processes under the launcher:');
    for (const l of rssLines(stack)) lines.push(`  ${l}`);
    return { name, lines, summary: { opened: open.opened.length, openRate, p95: percentile(dis.completions, 95), dbSize } };
  } finally {
    if (stack) {
      log(`${name}: stopping`);
      await stack.stop();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  log(`settings: ${JSON.stringify(S)}`);
  log(`machine: ${cpus().length} cores, ${fmt(totalmem() / 1024 ** 3, 0)} GiB; load average now ${(await import('node:os')).loadavg().map((v) => fmt(v, 2)).join(' ')}`);
  const started = performance.now();
  const reports: SideReport[] = [];
  const probes: { workers: number; rate: number }[] = [];
  for (const mode of S.modes) {
    if (mode === 'cluster' && !launcherClusterModeBuilt()) {
      log("cluster: skipped: this build's launcher has no cluster mode (no dist/infra/temporal/temporal-cluster.js, or no TEMPORAL_MODE in its configuration)");
      continue;
    }
    const workers = mode === 'dev' ? 1 : S.workerCounts[S.workerCounts.length - 1];
    const replicas = mode === 'dev' ? 1 : S.apiReplicas;
    reports.push(await runSide(mode, workers, replicas, probes));
  }
  console.log('');
  console.log(`== bench:scale, ${new Date().toISOString()}, ${cpus().length} cores, ${fmt(totalmem() / 1024 ** 3, 0)} GiB ==`);
  for (const r of reports) {
    console.log(`\n-- ${r.name}`);
    for (const l of r.lines) console.log(`  ${l}`);
  }
  if (probes.length) {
    console.log(`\n-- cluster: opening throughput over the first ${S.probeSeconds} s by WORKER_COUNT`);
    for (const p of probes) console.log(`  WORKER_COUNT ${p.workers}: ${fmt(p.rate)} cases/s`);
  }
  console.log('\n-- summary');
  for (const r of reports) console.log(`  ${r.name.padEnd(40)} open ${String(r.summary.opened).padStart(6)} at ${fmt(r.summary.openRate).padStart(5)}/s   completion p95 ${fmt(r.summary.p95, 0).padStart(5)} ms   Temporal DB ${r.summary.dbSize.split(' (')[0]}`);
  console.log(`  whole run ${fmt((performance.now() - started) / 60_000)} min`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`[bench:scale] failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
