/**
 * The audit trail's chains per partition on a real PostgreSQL (issue 16): appends to different cases never wait for
 * each other (no global lock), appends to one case still queue and link in order, overlapping appends never deadlock,
 * a database from before partitions keeps its rows as the verified legacy chain, and a tampered row, a row removed
 * from the end of a chain and a removed chain head each fail verify naming the partition.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../libs/config/src/app-config';
import { auditHash, AuditEntry, GENESIS_HASH } from '../../libs/persistence/src/audit/audit-chain';
import { AuditRepository, NewAuditEntry } from '../../libs/persistence/src/audit/audit.repository';
import { dataSourceOptions, MIGRATIONS } from '../../libs/persistence/src/data-source-options';
import { migrateAndSeed } from '../../libs/persistence/src/migrate';
import { sql, testConfig } from '../support/test-app';

/** A fixed instant (no test depends on today): 09:00 in Stockholm on 2 March 2026. */
const AT = new Date('2026-03-02T08:00:00.000Z');

const row = (caseId: string | null, n: number, organisationCode: string | null = '0180'): NewAuditEntry => ({
  at: new Date(AT.getTime() + n),
  actor: `person-${n}`,
  organisationCode,
  action: 'test.append',
  caseId,
  taskId: null,
  requestId: `req-${n}`,
  outcome: 'success',
  detail: { n },
});

async function database(poolSize: number, migrations = MIGRATIONS): Promise<{ config: AppConfig; ds: DataSource }> {
  const config = await testConfig();
  const ds = new DataSource({ ...dataSourceOptions(config.DATABASE_URL!, poolSize), migrations });
  await ds.initialize();
  await migrateAndSeed(ds);
  return { config, ds };
}

/** A promise and its resolve, to hold transactions open until the test lets them go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('audit chains per partition (real PostgreSQL)', () => {
  const APPENDERS = 50;
  let ds: DataSource;
  let config: AppConfig;
  let audit: AuditRepository;
  beforeAll(async () => {
    ({ ds, config } = await database(APPENDERS + 5));
    audit = new AuditRepository(ds);
  });
  afterAll(() => ds?.destroy());

  it(`lets ${APPENDERS} transactions append to ${APPENDERS} cases at once: each appends while all the others are still open`, async () => {
    const cases = Array.from({ length: APPENDERS }, () => randomUUID());
    const release = gate();
    let appended = 0;
    const allAppended = gate();
    // Each transaction appends, then stays open until every one of them has appended. Under one global lock the
    // second append would wait for the first transaction to commit, which waits for the second: none would finish.
    const transactions = cases.map((caseId, i) =>
      ds.transaction(async (em) => {
        await audit.appendMany([row(caseId, i)], em);
        if (++appended === APPENDERS) allAppended.open();
        await release.opened;
      }),
    );
    await within(20_000, `all ${APPENDERS} appends while every transaction is open`, allAppended.opened);
    release.open();
    await Promise.all(transactions);

    const heads = await sql<{ chain_key: string; row_count: string }>(config, `SELECT chain_key, row_count FROM audit_chain_heads WHERE chain_key = ANY($1)`, [
      cases.map((c) => `case:${c}`),
    ]);
    expect(heads).toHaveLength(APPENDERS);
    expect(heads.every((h) => h.row_count === '1')).toBe(true);
    expect(await audit.verify()).toMatchObject({ ok: true, caseChains: APPENDERS });
  });

  it("queues a second append to the same case behind the first one's transaction, and links it to that row", async () => {
    const caseId = randomUUID();
    const release = gate();
    const firstAppended = gate();
    const first = ds.transaction(async (em) => {
      await audit.appendMany([row(caseId, 1)], em);
      firstAppended.open();
      await release.opened;
    });
    await firstAppended.opened;
    let secondDone = false;
    const second = audit.append(row(caseId, 2)).then(() => (secondDone = true));
    // Meanwhile another case and an organisation's day are appended to and committed at once.
    await within(5_000, 'an append to another case while the first is open', audit.append(row(randomUUID(), 3)));
    await within(5_000, "an append to an organisation's day while the first is open", audit.append(row(null, 4)));
    // The second append is waiting for the first one's partition lock (and nothing else of this database waits).
    const waiting = () =>
      sql<{ n: number }>(
        config,
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      ).then(([r]) => r.n);
    for (let i = 0; i < 50 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await waiting()).toBe(1);
    expect(secondDone).toBe(false);
    release.open();
    await Promise.all([first, second]);

    const rows = await sql<{ prev_hash: string; hash: string; chain_key: string }>(config, `SELECT prev_hash, hash, chain_key FROM audit_log WHERE case_id = $1 ORDER BY id`, [caseId]);
    expect(rows.map((r) => r.chain_key)).toEqual([`case:${caseId}`, `case:${caseId}`]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('never deadlocks when transactions append to the same partitions in opposite orders', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const orders = [
      [a, b, c],
      [c, b, a],
      [b, a, c],
      [c, a, b],
    ];
    const pause = (em: EntityManager) => em.query('SELECT pg_sleep(0.01)');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction(async (em) => {
          await pause(em);
          await audit.appendMany(orders[i % orders.length].map((caseId, j) => row(caseId, 100 + i * 3 + j)), em);
          await pause(em);
        }),
      ),
    );
    const heads = await sql<{ row_count: string }>(config, `SELECT row_count FROM audit_chain_heads WHERE chain_key = ANY($1)`, [[a, b, c].map((x) => `case:${x}`)]);
    expect(heads.map((h) => h.row_count)).toEqual(['20', '20', '20']);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('links a second append in the same transaction to the first (it reads the head its own transaction moved)', async () => {
    const caseId = randomUUID();
    await ds.transaction(async (em) => {
      await audit.appendMany([row(caseId, 300), row(null, 301, '0183')], em);
      await audit.appendMany([row(caseId, 302)], em);
    });
    const [head] = await sql<{ row_count: string }>(config, `SELECT row_count FROM audit_chain_heads WHERE chain_key = $1`, [`case:${caseId}`]);
    expect(head.row_count).toBe('2');
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it("refuses to delete or roll back a chain's head", async () => {
    await audit.append(row(null, 500, '0181'));
    const key = `org:0181:2026-03-02`;
    await expect(sql(config, `DELETE FROM audit_chain_heads WHERE chain_key = $1`, [key])).rejects.toThrow('audit_chain_heads only move forward');
    await expect(sql(config, `UPDATE audit_chain_heads SET row_count = row_count - 1, last_id = last_id - 1 WHERE chain_key = $1`, [key])).rejects.toThrow('only move forward');
    await expect(sql(config, `TRUNCATE audit_chain_heads`)).rejects.toThrow('only move forward');
  });
});

describe('audit:verify against tampering (a superuser bypassing the triggers)', () => {
  let ds: DataSource;
  let config: AppConfig;
  let audit: AuditRepository;
  const [altered, shortened] = [randomUUID(), randomUUID()];
  const headless = 'org:0182:2026-03-02';
  beforeAll(async () => {
    ({ ds, config } = await database(4));
    audit = new AuditRepository(ds);
    await audit.appendAll([row(altered, 1), row(shortened, 2), row(null, 3, '0182'), row(altered, 4), row(shortened, 5), row(null, 6, '0182'), row(randomUUID(), 7)]);
  });
  afterAll(() => ds?.destroy());

  /** `npm run audit:verify` as built (the integration tier runs after `npm run build`). */
  const verifyCommand = () =>
    promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'dist', 'infra', 'audit', 'verify.cli.js')], {
      env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
  /** Runs `statement` with the triggers off, as only a superuser can. */
  const behindItsBack = (statement: string, params: unknown[] = []) => sql(config, `SET session_replication_role = replica; ${statement}`, params);
  const idOf = async (caseId: string, which: 'first' | 'last') =>
    (await sql<{ id: string }>(config, `SELECT id FROM audit_log WHERE case_id = $1 ORDER BY id ${which === 'first' ? 'ASC' : 'DESC'} LIMIT 1`, [caseId]))[0].id;

  it('verifies the untouched trail, and then names the partition of each chain broken behind its back', async () => {
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 7, chains: 4, caseChains: 3, organisationDayChains: 1, legacyRows: 0 });
    const intact = await verifyCommand();
    expect(intact.code).toBe(0);
    expect(intact.out).toContain('audit chain intact: 7 rows verified, 7 rows in 4 chains (3 case, 1 organisation-day).');
    expect(intact.out).toContain('every chain ends at the row, hash and count its head records');

    const victim = await idOf(altered, 'first');
    await behindItsBack(`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${Number(victim)}`);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      failures: [{ partition: `case:${altered}`, brokenId: victim, reason: expect.stringContaining('altered') }],
    });

    const last = await idOf(shortened, 'last');
    await behindItsBack(`DELETE FROM audit_log WHERE id = ${Number(last)}`);
    const afterRemoval = await audit.verify();
    expect(afterRemoval).toMatchObject({ ok: false });
    expect(afterRemoval.ok === false && afterRemoval.failures).toContainEqual({
      partition: `case:${shortened}`,
      brokenId: last,
      reason: expect.stringContaining('rows removed from its end'),
    });

    await behindItsBack(`DELETE FROM audit_chain_heads WHERE chain_key = '${headless}'`);
    const afterHead = await audit.verify();
    expect(afterHead.ok === false && afterHead.failures).toContainEqual({ partition: headless, brokenId: expect.any(String), reason: expect.stringContaining('no head') });
    expect(afterHead.ok === false && afterHead.failures.map((f) => f.partition).sort()).toEqual([`case:${altered}`, `case:${shortened}`, headless].sort());
    const broken = await verifyCommand();
    expect(broken.code).toBe(1);
    for (const partition of [`case:${altered}`, `case:${shortened}`, headless]) expect(broken.out).toContain(`partition ${partition}`);
    expect(broken.out).toContain(`at row ${victim}`);
  });
});

describe('a database from before partitions', () => {
  it('keeps its rows as the one legacy chain, verified, with new rows in chains of their own', async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'AuditPartitions1764691200000'));
    const { config, ds: old } = await database(2, before);
    // Rows as the single chain wrote them: each linked to the row before it in id order, whatever its case.
    let prev = GENESIS_HASH;
    for (const [i, caseId] of [randomUUID(), null, randomUUID()].entries()) {
      const entry: AuditEntry = { at: new Date(AT.getTime() + i).toISOString(), actor: 'karin', organisationCode: 'KS', action: 'old', caseId, taskId: null, requestId: null, outcome: 'success', detail: null };
      const hash = auditHash(prev, entry);
      await sql(config, `INSERT INTO audit_log (at, actor, organisation_code, action, case_id, outcome, prev_hash, hash) VALUES ($1, 'karin', 'KS', 'old', $2, 'success', $3, $4)`, [entry.at, caseId, prev, hash]);
      prev = hash;
    }
    await old.destroy();

    const ds = new DataSource(dataSourceOptions(config.DATABASE_URL!, 2));
    await ds.initialize();
    try {
      expect((await migrateAndSeed(ds)).migrations).toEqual(MIGRATIONS.slice(before.length).map((m) => m.name));
      const audit = new AuditRepository(ds);
      await audit.append(row(randomUUID(), 1));
      expect(await audit.verify()).toEqual({ ok: true, rows: 4, chains: 2, caseChains: 1, organisationDayChains: 0, legacyRows: 3 });
      const [head] = await sql<{ last_hash: string; row_count: string }>(config, `SELECT last_hash, row_count FROM audit_chain_heads WHERE chain_key = 'legacy'`);
      expect(head).toEqual({ last_hash: prev, row_count: '3' });
    } finally {
      await ds.destroy();
    }
  });
});
