/**
 * `npm run bench:audit`: audit appends with N parallel writers in a throwaway database, through the repository method
 * every state-changing request uses (`AuditRepository.appendMany` inside the request's transaction). Each transaction
 * appends one row about a case of its own (as task completions of different cases do), then holds the transaction
 * open for BENCH_HOLD_MS more (the rest of a completion's transaction: its projection, tasks and ledger writes).
 *
 * Under one global audit lock, every transaction waits for every other one's commit: throughput is capped near
 * 1000 / (hold + append) per second whatever the number of writers. With chains per partition, writers of different
 * cases do not wait for each other. It prints, for each writer count: transactions per second and the p50/p95 of a
 * transaction, then verifies the whole trail (and how long that took).
 * BENCH_WRITERS (1,8,32), BENCH_TRANSACTIONS (per writer count, 1000), BENCH_HOLD_MS (5).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { percentile, scratchDatabase } from './scratch-database';

const log = (line: string) => console.log(`[bench:audit] ${line}`);

function intSetting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min} (got "${raw}")`);
  return value;
}

const WRITERS = (process.env.BENCH_WRITERS ?? '1,8,32').split(',').map((w) => {
  const n = Number(w.trim());
  if (!Number.isInteger(n) || n < 1 || n > 80) throw new Error(`BENCH_WRITERS must be a comma-separated list of 1..80 (got "${w}")`);
  return n;
});
const TRANSACTIONS = intSetting('BENCH_TRANSACTIONS', 1_000);
const HOLD_MS = intSetting('BENCH_HOLD_MS', 5, 0);

async function run(ds: DataSource, audit: AuditRepository, writers: number): Promise<{ perSecond: number; p50: number; p95: number }> {
  const timings: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < TRANSACTIONS) {
        const n = next++;
        const t0 = process.hrtime.bigint();
        await ds.transaction(async (em) => {
          await audit.appendMany(
            [{ actor: `bench-${n}`, organisationCode: '0180', action: 'task.complete', caseId: randomUUID(), taskId: randomUUID(), requestId: `bench-${n}`, outcome: 'success', detail: { n } }],
            em,
          );
          if (HOLD_MS > 0) await em.query('SELECT pg_sleep($1)', [HOLD_MS / 1000]);
        });
        timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  timings.sort((a, b) => a - b);
  return { perSecond: TRANSACTIONS / seconds, p50: percentile(timings, 50), p95: percentile(timings, 95) };
}

async function main(): Promise<number> {
  const db = await scratchDatabase(log);
  const ds = new DataSource(dataSourceOptions(db.url, Math.max(...WRITERS) + 2));
  try {
    await ds.initialize();
    await runMigrations(ds);
    const audit = new AuditRepository(ds);
    log(`${TRANSACTIONS} transactions per writer count, each one audit append then ${HOLD_MS} ms more in the transaction`);
    await run(ds, audit, 1); // warm-up: connections, plans
    console.log('');
    console.log(`writers   transactions/s   p50 ms   p95 ms`);
    for (const writers of WRITERS) {
      const r = await run(ds, audit, writers);
      console.log(`${String(writers).padStart(7)}   ${r.perSecond.toFixed(0).padStart(14)}   ${r.p50.toFixed(1).padStart(6)}   ${r.p95.toFixed(1).padStart(6)}`);
    }
    const t0 = Date.now();
    const verdict = await audit.verify();
    console.log('');
    console.log(`verify: ${JSON.stringify(verdict)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return verdict.ok ? 0 : 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.cleanup();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`bench:audit failed: ${(err as Error).stack ?? err}`);
    process.exit(2);
  });
