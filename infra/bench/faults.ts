/**
 * `npm run faults` (issue 16): faults under load on the Temporal cluster, then the invariants checked in SQL.
 *
 * It owns every part it breaks, so that it can break and restart each one: an embedded PostgreSQL (the
 * application's database and Temporal's two), the Temporal cluster's four services as separate processes
 * (infra/temporal/temporal-cluster.ts: `services.history.kill('SIGKILL')` and `restart()`), the API, and
 * FAULTS_WORKERS worker processes (`node dist/apps/worker/src/main.js`, as the launcher runs them), which the
 * launcher's supervisor (infra/process/supervisor.ts) restarts after each kill -9, at once and without giving up
 * (the launcher itself backs off and gives up after repeated crashes). FAULTS_TEMPORAL=dev runs it on the
 * Temporal dev server instead (the history fault skipped), to compare.
 *
 * Load, for FAULTS_SECONDS: FAULTS_OPENERS lanes opening discharge cases (POST /discharge-handovers, each with its
 * own Idempotency-Key, retried with the same key until accepted) and FAULTS_DRIVERS lanes driving open cases
 * through their tasks to the discharge (POST /tasks/:id/complete, retried in transit; a 409 on a retry is the
 * first try's success). Meanwhile: kill -9 of a worker process FAULTS_WORKER_KILLS times (20), evenly spread; a
 * kill -9 of the history service and its restart at a third; a restart of PostgreSQL at two thirds. Then the load
 * stops, the cases being driven are finished, and the invariants are checked:
 *
 *   - every accepted open has exactly one idempotency row and exactly one case, and no case exists without one;
 *   - every accepted case has its first tasks, and no task is duplicated (one per case, kind and organisation);
 *   - every accepted completion's task is completed, with exactly one `task.complete` audit row;
 *   - no ledger row (booking key) and no audit row (action, case, task, request) is duplicated;
 *   - every case driven to its end is discharged;
 *   - `npm run audit:verify` passes.
 *
 * Prints the figures and exits 1 when an invariant fails, 2 when the script fails.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { freePort, waitFor } from '../net/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../postgres/embedded-postgres';
import { ManagedProcess } from '../process/managed-process';
import { Supervised } from '../process/supervisor';
import { startTemporalCluster, type RunningTemporalCluster } from '../temporal/temporal-cluster';
import { startTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { intSetting, percentile, ROOT, ScaleClient, sleep, withoutProductVariables } from './scale-support';

const log = (line: string) => console.log(`[faults] ${new Date().toISOString().slice(11, 19)} ${line}`);

const S = {
  seconds: intSetting('FAULTS_SECONDS', 240),
  workerKills: intSetting('FAULTS_WORKER_KILLS', 20, 0),
  workers: intSetting('FAULTS_WORKERS', 2),
  openers: intSetting('FAULTS_OPENERS', 6),
  drivers: intSetting('FAULTS_DRIVERS', 6),
  /** How long one call is retried through a fault. */
  retrySeconds: intSetting('FAULTS_RETRY_SECONDS', 180),
};

interface Part {
  name: string;
  stop(): Promise<void>;
}

async function main(): Promise<number> {
  const started = performance.now();
  const cluster = process.env.FAULTS_TEMPORAL !== 'dev';
  log(`settings: ${JSON.stringify(S)}; Temporal: ${cluster ? 'the cluster (four services)' : 'the dev server (FAULTS_TEMPORAL=dev: the history fault is skipped)'}`);
  const base = mkdtempSync(join(tmpdir(), 'vardflode-faults-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  mkdirSync(dataDir, { recursive: true });
  const parts: Part[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const p of [...parts].reverse()) await p.stop().catch((err: Error) => log(`${p.name} did not stop cleanly: ${err.message}`));
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    // PostgreSQL: the application's database and Temporal's.
    const pgPort = await freePort();
    const pgOptions = { dataDir: join(base, 'postgres'), port: pgPort, database: 'vardflode', log: (l: string) => log(`postgres: ${l}`) };
    let pg: RunningPostgres = await startEmbeddedPostgres(pgOptions);
    parts.push({ name: 'PostgreSQL', stop: () => pg.stop() });

    // Temporal.
    const frontendPort = await freePort();
    let temporalCluster: RunningTemporalCluster | undefined;
    let address: string;
    if (cluster) {
      temporalCluster = await startTemporalCluster({ dataDir: join(base, 'temporal'), postgresAdminUrl: pg.urlFor('postgres'), frontendPort, namespace: 'default', log: (l) => log(`temporal: ${l}`) });
      address = temporalCluster.address;
      parts.push({ name: 'Temporal cluster', stop: () => temporalCluster!.stop() });
      log(`cluster up: ${Object.entries(temporalCluster.services).map(([n, s]) => `${n} pid ${s.pid}`).join(', ')}`);
    } else {
      const dev = await startTemporalDevServer({
        executable: await resolveTemporalCli(process.env.TEMPORAL_CLI, log),
        ip: '127.0.0.1',
        port: frontendPort,
        dbFilename: join(base, 'temporal', 'temporal.db'),
        namespace: 'default',
        log: (l) => log(`temporal: ${l}`),
      });
      address = dev.address;
      parts.push({ name: 'Temporal dev server', stop: dev.stop });
    }

    // The API and the workers, as the launcher runs them.
    const apiPort = await freePort();
    const env = {
      ...withoutProductVariables(process.env),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: 'default',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      // The worker's SDK metrics port (default 127.0.0.1:9464) is npm start's; several workers here, or a stack
      // running beside this, would collide on it.
      WORKER_METRICS_ADDRESS: 'off',
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    };
    const startNode = (name: string, script: string) => ManagedProcess.start(name, process.execPath, [join(ROOT, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    // The workers under the launcher's supervisor (infra/process/supervisor.ts), restarted at once after each kill -9
    // (no backoff, and no giving up: the kills are the test, not a crash loop).
    const policy = { maxRestarts: S.workerKills + S.workers, windowMs: 24 * 3_600_000, baseDelayMs: 0, maxDelayMs: 0 };
    const supervised = Array.from({ length: S.workers }, (_, i) =>
      new Supervised({
        name: `worker ${i + 1}`,
        start: () => startNode(`worker ${i + 1}`, 'apps/worker/src/main.js'),
        policy,
        log,
        onGiveUp: (reason) => log(`supervision gave up: ${reason}`),
        stopping: () => stopping,
      }),
    );
    const workers = {
      get length() {
        return supervised.length;
      },
      at: (slot: number) => supervised[slot].current,
      pids: () => supervised.map((w) => w.current.child.pid),
      restarts: () => supervised.reduce((n, w) => n + w.restartCount, 0),
      stop: () => Promise.all(supervised.map((w) => w.stop('SIGTERM', 30_000))),
    };
    parts.push({ name: 'workers', stop: async () => void (await workers.stop()) });
    const api = startNode('api', 'apps/api/src/main.js');
    parts.push({ name: 'API', stop: () => api.stop('SIGTERM', 30_000) });
    void api.exit.then(({ code, signal }) => {
      if (!stopping) log(`the API exited (code ${code}, signal ${signal}):\n${api.recentOutput}`);
    });
    const apiBase = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiBase}/health/ready`, async () => (await fetch(`${apiBase}/health/ready`, { signal: AbortSignal.timeout(4_000) }).catch(() => null))?.ok === true, 180_000, 500);
    log(`ready: API pid ${api.child.pid}, workers ${workers.pids().join(', ')}, Temporal ${address}, PostgreSQL port ${pgPort}`);

    const client = await ScaleClient.create({ base: apiBase, databaseUrl: pg.url }, dataDir, S.retrySeconds * 1000);

    // The load.
    const accepted: { key: string; caseId: string }[] = [];
    const notAccepted: string[] = [];
    const toDrive: string[] = [];
    const driven: string[] = [];
    const driveFailed: string[] = [];
    let loadOn = true;
    let keyNo = 0;
    const opener = async () => {
      while (loadOn) {
        const key = `faults-${process.pid}-${++keyNo}`;
        try {
          const r = await client.openCase(key);
          accepted.push({ key, caseId: r.caseId });
          toDrive.push(r.caseId);
        } catch (err) {
          notAccepted.push(key);
          log(`an open was not accepted: ${(err as Error).message}`);
        }
      }
    };
    const driver = async () => {
      for (;;) {
        const caseId = toDrive.shift();
        if (!caseId) {
          if (!loadOn) return;
          await sleep(100);
          continue;
        }
        if (!loadOn) return; // the cases not begun stay open
        try {
          await client.discharge(caseId);
          driven.push(caseId);
        } catch (err) {
          driveFailed.push(caseId);
          log(`a case could not be driven to its discharge: ${(err as Error).message}`);
        }
      }
    };
    const load = [...Array.from({ length: S.openers }, opener), ...Array.from({ length: S.drivers }, driver)];

    // The faults, on a schedule over FAULTS_SECONDS.
    const t0 = performance.now();
    const at = (fraction: number) => sleep(Math.max(0, t0 + fraction * S.seconds * 1000 - performance.now()));
    const faults: string[] = [];
    const killWorkers = (async () => {
      for (let i = 0; i < S.workerKills; i++) {
        await at((i + 0.5) / S.workerKills);
        const slot = i % workers.length;
        const w = workers.at(slot);
        if (!w?.running) {
          await sleep(500);
          continue;
        }
        process.kill(w.child.pid!, 'SIGKILL');
        faults.push(`kill -9 worker ${slot + 1} (pid ${w.child.pid})`);
        log(`fault ${faults.length}: kill -9 worker ${slot + 1} (pid ${w.child.pid})`);
      }
    })();
    const killHistory = (async () => {
      await at(1 / 3);
      if (!temporalCluster) {
        faults.push('history kill -9: skipped (FAULTS_TEMPORAL=dev)');
        return;
      }
      const h = temporalCluster.services.history;
      const pid = h.pid;
      h.kill('SIGKILL');
      log(`fault: kill -9 history (pid ${pid})`);
      await sleep(2_000);
      const r0 = performance.now();
      await h.restart();
      faults.push(`kill -9 history (pid ${pid}), restarted in ${((performance.now() - r0) / 1000).toFixed(1)} s as pid ${h.pid}`);
      log(`history restarted (pid ${temporalCluster.services.history.pid})`);
    })();
    const restartPostgres = (async () => {
      await at(2 / 3);
      log('fault: restarting PostgreSQL');
      const r0 = performance.now();
      await pg.stop();
      pg = await startEmbeddedPostgres(pgOptions);
      faults.push(`PostgreSQL restarted (fast shutdown and start) in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
      log('PostgreSQL is back');
    })();
    await Promise.all([killWorkers, killHistory, restartPostgres, at(1)]);
    log(`the fault window is over: stopping the load (opens end; the cases being driven are finished)`);
    loadOn = false;
    await Promise.all(load);
    const loadSeconds = (performance.now() - t0) / 1000;
    // The API's answers are in; give the workers' projections a moment to land, then look.
    await sleep(3_000);

    // The invariants.
    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    const checks: { what: string; ok: boolean; detail: string }[] = [];
    const check = (what: string, ok: boolean, detail: string) => checks.push({ what, ok, detail });
    try {
      const keys = accepted.map((a) => a.key);
      const ids = accepted.map((a) => a.caseId);
      const idem = await db.query<{ key: string; n: number; resource: string }>(
        `SELECT key, count(*)::int AS n, min(resource_id::text) AS resource FROM idempotency_keys WHERE key = ANY($1) GROUP BY key`,
        [keys],
      );
      const byKey = new Map(idem.rows.map((r) => [r.key, r]));
      const badKeys = accepted.filter((a) => byKey.get(a.key)?.n !== 1 || byKey.get(a.key)?.resource !== a.caseId);
      check('each accepted open: one idempotency row, naming its case', badKeys.length === 0, `${accepted.length - badKeys.length} of ${accepted.length}`);
      const cases = await db.query<{ id: string; n: number }>(`SELECT id::text, count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) GROUP BY id`, [ids]);
      check('each accepted open: exactly one case', cases.rows.length === new Set(ids).size && new Set(ids).size === ids.length && cases.rows.every((r) => r.n === 1), `${cases.rows.length} cases for ${ids.length} accepted opens (${new Set(ids).size} distinct)`);
      const [{ total, keyed }] = (
        await db.query<{ total: number; keyed: number }>(
          `SELECT (SELECT count(*)::int FROM cases) AS total, (SELECT count(DISTINCT resource_id)::int FROM idempotency_keys WHERE key LIKE 'faults-%') AS keyed`,
        )
      ).rows;
      check('no case without its open (cases = keyed opens)', total === keyed, `${total} cases, ${keyed} keyed opens, ${notAccepted.length} opens never accepted`);
      const taskless = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases c WHERE c.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.kind = 'discharge.acknowledge_notice')`,
        [ids],
      );
      check('each accepted case has its first tasks (acknowledge the notice)', taskless.rows[0].n === 0, `${taskless.rows[0].n} cases without`);
      const dupTasks = await db.query(`SELECT case_id, kind, assigned_org FROM tasks GROUP BY 1, 2, 3 HAVING count(*) > 1`);
      const [{ tasks }] = (await db.query<{ tasks: number }>(`SELECT count(*)::int AS tasks FROM tasks`)).rows;
      check('no task duplicated (case, kind, organisation)', dupTasks.rowCount === 0, `${tasks} tasks, ${dupTasks.rowCount} duplicated`);
      const done = client.completions.map((c) => c.taskId);
      const completed = await db.query<{ id: string; status: string; audits: number }>(
        `SELECT t.id::text, t.status, (SELECT count(*)::int FROM audit_log a WHERE a.task_id = t.id AND a.action = 'task.complete' AND a.outcome = 'success') AS audits
         FROM tasks t WHERE t.id = ANY($1::uuid[])`,
        [done],
      );
      const notCompleted = completed.rows.filter((r) => r.status !== 'completed').length + (new Set(done).size - completed.rows.length);
      const badAudit = completed.rows.filter((r) => r.audits !== 1).length;
      check('each accepted completion: its task completed', notCompleted === 0 && new Set(done).size === done.length, `${done.length} accepted completions (${client.completions.filter((c) => c.status === 409).length} of them a 409 on a retry), ${notCompleted} not completed`);
      check('each accepted completion: one task.complete audit row', badAudit === 0, `${badAudit} tasks with other than one`);
      const dupLedger = await db.query(`SELECT booking_key FROM ledger_entries GROUP BY 1 HAVING count(*) > 1`);
      const [{ ledger }] = (await db.query<{ ledger: number }>(`SELECT count(*)::int AS ledger FROM ledger_entries`)).rows;
      check('no ledger row duplicated (booking key)', dupLedger.rowCount === 0, `${ledger} ledger rows, ${dupLedger.rowCount} duplicated`);
      const dupAudit = await db.query(
        // A 503 answered while no worker carried the step out is recorded as 'unavailable' (the answer the caller got);
        // the step, carried out later, writes its own row for the same request: that pair is one effect, not two.
        `SELECT action, case_id, task_id, request_id FROM audit_log
         WHERE (request_id IS NOT NULL OR task_id IS NOT NULL) AND outcome <> 'unavailable' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
      );
      const [{ audits }] = (await db.query<{ audits: number }>(`SELECT count(*)::int AS audits FROM audit_log`)).rows;
      check('no audit row duplicated (action, case, task, request)', dupAudit.rowCount === 0, `${audits} audit rows, ${dupAudit.rowCount} duplicated`);
      const discharged = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND status = 'discharged'`, [driven]);
      check('each case driven to its end: discharged', discharged.rows[0].n === driven.length && driveFailed.length === 0, `${discharged.rows[0].n} of ${driven.length} discharged, ${driveFailed.length} could not be driven`);
    } finally {
      await db.end();
    }
    const verify = spawnSync(process.execPath, [join(ROOT, 'dist', 'infra', 'audit', 'verify.cli.js')], { env: { ...env, LOG_LEVEL: 'error' }, encoding: 'utf8' });
    check('npm run audit:verify', verify.status === 0, (verify.stdout + verify.stderr).trim().split('\n').pop() ?? '');
    await client.close();

    const ms = client.completions.map((c) => c.ms);
    console.log('');
    console.log(`== faults, ${new Date().toISOString()}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Temporal ${cluster ? 'cluster' : 'dev server'} ==`);
    console.log(`  load for ${loadSeconds.toFixed(0)} s: ${accepted.length} cases opened (${(accepted.length / loadSeconds).toFixed(1)}/s), ${driven.length} driven to the discharge, ${client.completions.length} task completions (p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms)`);
    console.log(`  faults: ${faults.length}; worker restarts by the supervisor: ${workers.restarts()}`);
    for (const f of faults.filter((x) => !x.startsWith('kill -9 worker'))) console.log(`    ${f}`);
    console.log(`    ${faults.filter((x) => x.startsWith('kill -9 worker')).length} × kill -9 of a worker`);
    console.log(`  calls retried through the faults: ${[...client.retried].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
    console.log('  invariants:');
    for (const c of checks) console.log(`    ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${c.detail}`);
    const ok = checks.every((c) => c.ok);
    console.log(`  ${ok ? 'PASS' : 'FAIL'}: ${checks.filter((c) => c.ok).length} of ${checks.length} invariants hold; whole run ${((performance.now() - started) / 60_000).toFixed(1)} min`);
    return ok ? 0 : 1;
  } finally {
    await stopAll();
    rmSync(base, { recursive: true, force: true });
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`[faults] failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
