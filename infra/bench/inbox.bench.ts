/**
 * `npm run bench:inbox`: 100,000 tasks over 50 organisations in a throwaway database, then the p50/p95 of one
 * inbox page for one organisation, timed through the same repository method the API uses, and the query plan.
 * Target: p95 under 20 ms on a 2-core machine, with an index scan. Exits non-zero when the target is missed.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { TaskRepository } from '../../libs/persistence/src/repositories/task.repository';
import { percentile, scratchDatabase } from './scratch-database';

const TASKS = 100_000;
const ORGANISATIONS = 50;
const CASES = 10_000;
const RUNS = 500;
const WARMUP = 50;
const TARGET_P95_MS = 20;

const log = (line: string) => console.log(`[bench:inbox] ${line}`);

async function load(ds: DataSource): Promise<string[]> {
  const orgs: string[] = (await ds.query(`SELECT code FROM organisations ORDER BY code LIMIT $1`, [ORGANISATIONS])).map(
    (r: { code: string }) => r.code,
  );
  if (orgs.length < ORGANISATIONS) throw new Error(`only ${orgs.length} organisations seeded`);
  const started = Date.now();
  await ds.query(
    `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary)
     SELECT gen_random_uuid(), 'discharge_handover', 'bench-' || g, 'planning', ARRAY[($1::text[])[1 + g % 50]], 1, '{}'::jsonb
     FROM generate_series(1, $2) g`,
    [orgs, CASES],
  );
  // Spread over organisations, kinds, roles and statuses; due times from 5 days ago to 9 days ahead.
  await ds.query(
    `WITH c AS (SELECT id, row_number() OVER () AS n FROM cases)
     INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, status, due_at, input, answer_schema)
     SELECT gen_random_uuid(), c.id, 'discharge_handover', 'bench-' || c.n,
       (ARRAY['discharge.acknowledge_notice', 'discharge.needs_assessment', 'discharge.takeover'])[1 + g % 3],
       ($1::text[])[1 + g % $2],
       CASE WHEN g % 10 = 0 THEN 'coordinator' ELSE 'case_handler' END,
       CASE WHEN g % 20 < 13 THEN 'open' WHEN g % 20 < 19 THEN 'completed' ELSE 'cancelled' END,
       now() + ((g * 7919) % 20160 - 7200) * interval '1 minute',
       jsonb_build_object('note', 'bench task ' || g), '{"type":"object","properties":{}}'::jsonb
     FROM generate_series(1, $3) g JOIN c ON c.n = 1 + g % $4`,
    [orgs, ORGANISATIONS, TASKS, CASES],
  );
  await ds.query('ANALYZE');
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM tasks');
  log(`loaded ${n} tasks over ${ORGANISATIONS} organisations and ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return orgs;
}

async function main(): Promise<number> {
  const db = await scratchDatabase(log);
  const ds = new DataSource(dataSourceOptions(db.url, 2));
  try {
    await ds.initialize();
    await runMigrations(ds);
    const orgs = await load(ds);
    const repo = new TaskRepository(ds);
    const org = orgs[7];
    const filter = { organisationCode: org, roles: ['case_handler'], status: 'open' as const, limit: 50 };
    const [{ n: orgOpen }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE assigned_org = $1 AND status = 'open'`, [org]);
    log(`organisation ${org}: ${orgOpen} open tasks; page size ${filter.limit}`);

    // First pages and deeper pages (by cursor) alike: a keyset page costs the same wherever it is.
    const cursors: (string | undefined)[] = [undefined];
    for (let i = 0; i < 10; i++) {
      const page = await repo.inbox({ ...filter, cursor: cursors[cursors.length - 1] });
      if (!page.nextCursor) break;
      cursors.push(page.nextCursor);
    }
    const timings: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const cursor = cursors[i % cursors.length];
      const t0 = process.hrtime.bigint();
      const page = await repo.inbox({ ...filter, cursor });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (page.items.length === 0) throw new Error('an inbox page came back empty');
      if (i >= WARMUP) timings.push(ms);
    }
    timings.sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(timings, p));

    const { sql, params } = repo.inboxQuery({ ...filter, cursor: cursors[1] });
    const plan: string[] = (await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']);
    const usesIndex = plan.some((l) => /Index (Only )?Scan using tasks_inbox_idx/.test(l));

    console.log('');
    console.log(`inbox page (${RUNS} runs, ${cursors.length} distinct pages, org ${org}):`);
    console.log(`  p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   max ${timings[timings.length - 1].toFixed(2)} ms`);
    console.log('query plan (a page after the first):');
    for (const line of plan) console.log(`  ${line}`);
    console.log('');
    const ok = p95 < TARGET_P95_MS && usesIndex;
    console.log(`${ok ? 'PASS' : 'FAIL'}: p95 ${p95.toFixed(2)} ms (target < ${TARGET_P95_MS} ms), index scan on tasks_inbox_idx: ${usesIndex ? 'yes' : 'NO'}`);
    return ok ? 0 : 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.cleanup();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`bench:inbox failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
