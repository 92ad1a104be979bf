/**
 * `npm run bench:statistics`: 10,000 discharge cases (and 1,000 reimbursement claims with their lines and ledger
 * bookings) in a throwaway PostgreSQL, then the p50/p95 of each of Uppföljning's statistics, timed through the same
 * service and repository the API's `GET /statistics/...` endpoints call, for a hospital party to half of the cases,
 * side by side with a bare baseline query (counting the same organisation's cases), and each query's plan.
 * Target: p95 under 100 ms per endpoint. Exits non-zero when a target is missed.
 */
import { DataSource } from 'typeorm';
import { StatisticsService } from '../../apps/api/src/statistics/statistics.service';
import type { Principal } from '../../libs/auth/src/principal';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { StatisticsRepository } from '../../libs/persistence/src/repositories/statistics.repository';
import { percentile, scratchDatabase } from './scratch-database';

const CASES = 10_000;
const CLAIMS = 1_000;
const RUNS = 200;
const WARMUP = 20;
const TARGET_P95_MS = 100;
const HOSPITALS = ['KS', 'KH', 'SOS', 'DS', 'SGS', 'STS', 'NTS'];
const VARDCENTRALER = ['VC-EKERO', 'VC-HUDDINGE', 'VC-NACKA', 'VC-SOLNA', 'VC-TABY', 'VC-BROMMA'];

const log = (line: string) => console.log(`[bench:statistics] ${line}`);

/**
 * Discharge cases over 2025: KS in every other case, the others spread; 85 % discharged, 0–6 days after ready, with
 * payment liability from day 3. Written as plain rows, so the projection's trigger fills the statistics columns.
 */
async function load(ds: DataSource): Promise<void> {
  const municipalities: string[] = (await ds.query(`SELECT code FROM organisations WHERE kind = 'municipality' ORDER BY code`)).map((r: { code: string }) => r.code);
  const started = Date.now();
  await ds.query(
    `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary)
     SELECT gen_random_uuid(), 'discharge_handover', 'bench-discharge-' || g,
       CASE WHEN g % 20 < 17 THEN 'discharged' ELSE 'planning' END,
       ARRAY[CASE WHEN g % 2 = 0 THEN 'KS' ELSE ($1::text[])[1 + g % 7] END, ($2::text[])[1 + g % cardinality($2::text[])], ($3::text[])[1 + g % 6]],
       2,
       jsonb_build_object(
         'careType', 'somatic',
         'readyForDischargeAt', to_char(ready, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'discharge', CASE WHEN g % 20 < 17 THEN jsonb_build_object(
           'dischargedAt', to_char(ready + days * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'daysFromReady', days, 'sameDay', days = 0,
           'paymentLiability', CASE WHEN days >= 3 THEN jsonb_build_object('liableDays', days - 2, 'totalOre', (days - 2) * 930000) END)
         END)
     FROM (SELECT g, timestamp '2025-01-01 08:00' + (g % 360) * interval '1 day' AS ready, (g * 37 + g / 7) % 7 AS days
           FROM generate_series(1, $4) g) s`,
    [HOSPITALS, municipalities, VARDCENTRALER, CASES],
  );
  const [{ id: mandateId }] = await ds.query(`SELECT id FROM mandates ORDER BY reference LIMIT 1`);
  const categories = ['staff', 'protective_equipment', 'travel', 'premises', 'other'];
  await ds.query(
    `WITH s AS (SELECT g, gen_random_uuid() AS id, (ARRAY['draft', 'under_review', 'approved', 'paid', 'rejected'])[1 + g % 5] AS status
                FROM generate_series(1, $2) g),
     c AS (INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary)
           SELECT id, 'reimbursement_claim', 'bench-claim-' || g, status, ARRAY['SLSO', 'HSF', 'HSF-FIN'], 3, '{}'::jsonb FROM s RETURNING id)
     INSERT INTO claims (id, mandate_id, status, revision, period_from, period_to, claimed_ore, version)
     SELECT s.id, $1, s.status, 1, date '2020-11-02' + g % 60, date '2020-11-30' + g % 60, 0, 3 FROM s JOIN c ON c.id = s.id`,
    [mandateId, CLAIMS],
  );
  await ds.query(
    `INSERT INTO claim_lines (claim_id, line_no, date, category, description, amount_ore, document_ref)
     SELECT cl.id, n, cl.period_from, ($1::text[])[n], 'Bench', 100000 * n, 'UND-' || n FROM claims cl, generate_series(1, 5) n`,
    [categories],
  );
  await ds.query(
    `INSERT INTO ledger_entries (booking_key, mandate_id, source, source_id, kind, category, amount_ore, payer_org, payee_org, reference, booked_by)
     SELECT 'claim:' || cl.id || ':' || k || ':' || l.category, cl.mandate_id, 'reimbursement_claim', cl.id, k, l.category, l.amount_ore, 'HSF', 'SLSO', 'BENCH', 'bench'
     FROM claims cl JOIN claim_lines l ON l.claim_id = cl.id, unnest(ARRAY['approved', 'paid']) k
     WHERE cl.status = 'paid' OR (cl.status = 'approved' AND k = 'approved')`,
  );
  await ds.query('ANALYZE');
  const [{ n, discharged, ks }] = await ds.query(
    `SELECT count(*)::int AS n, count(stat_discharged_on)::int AS discharged, count(*) FILTER (WHERE 'KS' = ANY (parties))::int AS ks FROM cases`,
  );
  log(`loaded ${n} cases (${discharged} discharged; KS party to ${ks}) and ${CLAIMS} claims in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    if (i >= WARMUP) timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return timings.sort((a, b) => a - b);
}

async function main(): Promise<number> {
  const db = await scratchDatabase(log);
  const ds = new DataSource(dataSourceOptions(db.url, 2));
  try {
    await ds.initialize();
    await runMigrations(ds);
    await load(ds);
    const service = new StatisticsService(new StatisticsRepository(ds));
    const person = (organisationCode: string, roles: Principal['roles']): Principal => ({ personId: 'bench', name: 'bench', organisationCode, organisationKind: 'bench', roles });
    const ks = person('KS', ['case_handler']);
    const hsf = person('HSF', ['approver']);
    const query = { from: '2025-01', to: '2025-12' };
    const endpoints: { path: string; query: keyof typeof StatisticsRepository.QUERIES; org: string; run: () => Promise<unknown> }[] = [
      { path: 'GET /statistics/discharges/same-day', query: 'sameDay', org: 'KS', run: () => service.sameDay(ks, query) },
      { path: 'GET /statistics/discharges/days-by-municipality', query: 'municipalities', org: 'KS', run: () => service.dischargeDays(ks, query) },
      { path: 'GET /statistics/payment-liability', query: 'liability', org: 'KS', run: () => service.liability(ks, query) },
      { path: 'GET /statistics/claims', query: 'claims', org: 'HSF', run: () => service.claims(hsf, {}) },
    ];
    const baseline = await time(() => ds.query(`SELECT count(*) FROM cases WHERE $1 = ANY (parties)`, ['KS']));
    const fmt = (t: number[]) => `p50 ${percentile(t, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(t, 95).toFixed(2).padStart(7)} ms`;

    console.log('');
    console.log(`statistics (${RUNS} runs each after ${WARMUP} warm-up, ${CASES} discharge cases, ${CLAIMS} claims):`);
    console.log(`  ${'baseline: SELECT count(*) FROM cases WHERE KS = ANY (parties)'.padEnd(64)} ${fmt(baseline)}`);
    let ok = true;
    for (const e of endpoints) {
      const timings = await time(e.run);
      const p95 = percentile(timings, 95);
      ok &&= p95 < TARGET_P95_MS;
      console.log(`  ${`${e.path} (${e.org})`.padEnd(64)} ${fmt(timings)}   ${p95 < TARGET_P95_MS ? 'ok' : 'SLOW'}`);
    }
    console.log('');
    for (const e of endpoints) {
      const scope = { partyOrg: e.org, fromDay: e.query === 'claims' ? null : '2025-01-01', toDay: e.query === 'claims' ? null : '2026-01-01' };
      const plan: string[] = (await ds.query(`EXPLAIN (ANALYZE) ${StatisticsRepository.QUERIES[e.query]}`, StatisticsRepository.params(scope))).map(
        (r: { 'QUERY PLAN': string }) => r['QUERY PLAN'],
      );
      console.log(`query plan of ${e.path}:`);
      for (const line of plan) console.log(`  ${line}`);
    }
    console.log('');
    console.log(`${ok ? 'PASS' : 'FAIL'}: every statistics endpoint's p95 under ${TARGET_P95_MS} ms`);
    return ok ? 0 : 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.cleanup();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`bench:statistics failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
