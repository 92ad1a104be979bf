/**
 * `npm run bench:metrics`: what one refresh of GET /metrics's database gauges costs at 100,000 open tasks (and
 * 100,000 done, 20,000 cases, 2,000 escalations, 500 cases waiting for reference data) in a throwaway database: the
 * plan of each read (EXPLAIN ANALYZE: index, not a scan of the table) and the p50/p95 of a whole refresh through the
 * repository the API uses. Target: p95 under 250 ms on a 2-core machine, and no sequential scan of `tasks`. Exits
 * non-zero when either is missed. The API reads at most once per METRICS_REFRESH_SECONDS (15 s) however often it
 * is scraped.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { METRICS_QUERIES, OperationalMetricsRepository } from '../../libs/persistence/src/metrics/operational-metrics.repository';
import { percentile, scratchDatabase } from './scratch-database';

const OPEN = 100_000;
const DONE = 100_000;
const CASES = 20_000;
const ORGANISATIONS = 50;
const RUNS = 30;
const TARGET_P95_MS = 250;

const log = (line: string) => console.log(`[bench:metrics] ${line}`);

async function load(ds: DataSource): Promise<void> {
  const orgs: string[] = (await ds.query(`SELECT code FROM organisations ORDER BY code LIMIT $1`, [ORGANISATIONS])).map((r: { code: string }) => r.code);
  const started = Date.now();
  await ds.query(
    `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary)
     SELECT gen_random_uuid(), (ARRAY['discharge_handover', 'reimbursement_claim', 'coordination_area'])[1 + g % 3], 'bench-' || g,
       (ARRAY['planning', 'ready', 'discharged', 'closed'])[1 + g % 4], ARRAY[($1::text[])[1 + g % 50]], 1, '{}'::jsonb
     FROM generate_series(1, $2) g`,
    [orgs, CASES],
  );
  // Open and done tasks over organisations and kinds, due from 5 days ago to 9 days ahead; every 100th an escalation,
  // every 400th open one a registration task waiting for a daily amount or an LPIK.
  await ds.query(
    `WITH c AS (SELECT id, workflow_id, row_number() OVER () AS n FROM cases)
     INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, status, due_at, input, answer_schema, reference_key)
     SELECT gen_random_uuid(), c.id, 'discharge_handover', c.workflow_id,
       CASE WHEN g % 100 = 0 THEN 'discharge.escalation' WHEN g % 400 = 1 AND g <= $3::int THEN 'discharge.register_daily_amount'
            ELSE (ARRAY['discharge.acknowledge_notice', 'discharge.needs_assessment', 'discharge.takeover_medical_responsibility'])[1 + g % 3] END,
       ($1::text[])[1 + g % $2::int], 'case_handler',
       CASE WHEN g <= $3::int THEN 'open' ELSE 'completed' END,
       now() + ((g * 7919) % 20160 - 7200) * interval '1 minute', '{}'::jsonb, '{"type":"object","properties":{}}'::jsonb,
       CASE WHEN g % 400 = 1 AND g <= $3::int THEN (ARRAY['daily_amount:2026', 'lpik:2025'])[1 + g % 2] END
     FROM generate_series(1, $3::int + $4::int) g JOIN c ON c.n = 1 + g % $5::int`,
    [orgs, ORGANISATIONS, OPEN, DONE, CASES],
  );
  // As autovacuum would by then: the visibility map lets the GROUP BYs read the indexes alone.
  await ds.query('VACUUM ANALYZE tasks');
  await ds.query('VACUUM ANALYZE cases');
  const [{ open, total }] = await ds.query(`SELECT (count(*) FILTER (WHERE status = 'open'))::int AS open, count(*)::int AS total FROM tasks`);
  log(`loaded ${open} open tasks (${total} in all) and ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const db = await scratchDatabase(log);
  const ds = new DataSource(dataSourceOptions(db.url, 5));
  let failed = false;
  try {
    await ds.initialize();
    await runMigrations(ds);
    await load(ds);

    for (const [name, sql] of Object.entries(METRICS_QUERIES)) {
      const plan = ((await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']);
      const scans = plan.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, '').replace(/^->\s+/, ''));
      const time = plan.find((l) => l.startsWith('Execution Time'));
      log(`${name}: ${scans.join('; ')}; ${time}`);
      if (scans.some((l) => /Seq Scan on tasks/.test(l))) {
        log(`  ${name} scans the whole tasks table:\n${plan.join('\n')}`);
        failed = true;
      }
    }

    const repo = new OperationalMetricsRepository(ds);
    const refresh = () => Promise.all([repo.openTasks(), repo.casesByTypeAndStatus(), repo.escalationsOpened(), repo.referencesAwaited(), repo.lastAuditVerification()]);
    const [open] = await refresh();
    log(`a refresh returns ${open.length} (organisation, kind) rows, ${open.reduce((n, r) => n + r.open, 0)} open and ${open.reduce((n, r) => n + r.overdue, 0)} overdue tasks`);
    const timings: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await refresh();
      timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    timings.sort((a, b) => a - b);
    const [p50, p95] = [percentile(timings, 50), percentile(timings, 95)];
    log(`one refresh (the 5 reads in parallel, as the API does), ${RUNS} runs: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target p95 < ${TARGET_P95_MS} ms)`);
    if (p95 >= TARGET_P95_MS) failed = true;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.cleanup();
  }
  log(failed ? 'FAILED' : 'ok');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
