import {
  auditHash,
  AuditEntry,
  auditPartition,
  ChainedAuditRow,
  ChainHead,
  GENESIS_HASH,
  LEGACY_CHAIN,
  linkToHeads,
  lockOrder,
  partitionLock,
  StoredAuditRow,
  TrailVerifier,
  verifyChain,
} from './audit-chain';

const entry = (n: number): AuditEntry => ({
  at: `2026-11-23T08:00:0${n}.000Z`,
  actor: `person-${n}`,
  organisationCode: '0125',
  action: 'case.read',
  caseId: '00000000-0000-4000-8000-000000000001',
  taskId: null,
  requestId: `req-${n}`,
  outcome: 'success',
  detail: { n },
});

function chain(count: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const hash = auditHash(prev, entry(i));
    rows.push({ id: String(i), ...entry(i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/**
 * Two rows whose hashes were computed by the chain's earlier hand-written canonical form (sorted keys, then
 * JSON.stringify), before the switch to RFC 8785 via `canonicalize`. Chains already in audit_log must still verify.
 */
const RECORDED_ROW_1: AuditEntry = {
  at: '2026-11-23T08:15:42.123Z',
  actor: 'karin',
  organisationCode: 'KS',
  action: 'discharge_handover.start',
  caseId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  taskId: null,
  requestId: 'req-Ä1',
  outcome: 'success',
  detail: { zeta: 1, alpha: [3, 'två', { y: true, x: null }], Öre: 820000, b: -0.5, ä: 'Ekerö "kommun"\n\u2028', a10: 1e21, A: 12.75 },
};
const RECORDED_HASH_1 = '4be13da1cfc308cde313928d3156c8e85595b9d860875d6187a1ed8a23830b66';
const RECORDED_ROW_2: AuditEntry = {
  ...RECORDED_ROW_1,
  at: '2026-11-23T08:15:43.000Z',
  action: 'case.read',
  organisationCode: null,
  caseId: null,
  requestId: null,
  detail: null,
  outcome: 'refused:forbidden',
};
const RECORDED_HASH_2 = 'f1a02d0988d3923b4cfe21de2a561821063dd41059357430d013360ded81f69d';

describe('audit hash chain', () => {
  it('gives the hashes that rows written before RFC 8785 canonicalization carry', () => {
    expect(auditHash(GENESIS_HASH, RECORDED_ROW_1)).toBe(RECORDED_HASH_1);
    expect(auditHash(RECORDED_HASH_1, RECORDED_ROW_2)).toBe(RECORDED_HASH_2);
    const stored: StoredAuditRow[] = [
      { id: '41', ...RECORDED_ROW_1, prevHash: GENESIS_HASH, hash: RECORDED_HASH_1 },
      { id: '42', ...RECORDED_ROW_2, prevHash: RECORDED_HASH_1, hash: RECORDED_HASH_2 },
    ];
    expect(verifyChain(stored)).toMatchObject({ ok: true, rows: 2, lastHash: RECORDED_HASH_2 });
  });

  it('hashes the row the same with its keys in another order (as jsonb gives them back)', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
          : v;
    expect(auditHash(GENESIS_HASH, reversed(RECORDED_ROW_1) as AuditEntry)).toBe(RECORDED_HASH_1);
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, rows: 5 });
  });

  it('does not depend on the key order of the detail', () => {
    const a = { ...entry(1), detail: { a: 1, b: 2 } };
    const b = { ...entry(1), detail: { b: 2, a: 1 } };
    expect(auditHash(GENESIS_HASH, a)).toBe(auditHash(GENESIS_HASH, b));
  });

  it('names the first altered row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], outcome: 'refused' };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenId: '3', reason: expect.stringContaining('altered') });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenId: '3', reason: expect.stringContaining('prev_hash') });
  });

  it('catches a row whose hash was recomputed after an edit, at the next row', () => {
    const rows = chain(4);
    const edited = { ...rows[1], actor: 'someone-else' };
    const { id: _i, prevHash: _p, hash: _h, ...content } = edited;
    rows[1] = { ...edited, hash: auditHash(edited.prevHash, content) };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenId: '3' });
  });
});

const CASE_A = '00000000-0000-4000-8000-00000000000a';
const CASE_B = '00000000-0000-4000-8000-00000000000b';

describe('audit partitions', () => {
  it("puts a row of a case in the case's chain, whoever wrote it and whenever", () => {
    expect(auditPartition({ caseId: CASE_A, organisationCode: '0125', at: '2026-11-23T08:00:00.000Z' })).toBe(`case:${CASE_A}`);
    expect(auditPartition({ caseId: CASE_A, organisationCode: null, at: '2027-01-01T08:00:00.000Z' })).toBe(`case:${CASE_A}`);
  });

  it("puts a row of no case in its organisation's chain of the Stockholm day (system when it has none)", () => {
    // 23:30 UTC on 29 November is 00:30 on 30 November in Stockholm (CET, +1); in summer (CEST, +2) 22:30 UTC is midnight.
    expect(auditPartition({ caseId: null, organisationCode: '0125', at: '2026-11-29T22:59:59.999Z' })).toBe('org:0125:2026-11-29');
    expect(auditPartition({ caseId: null, organisationCode: '0125', at: '2026-11-29T23:30:00.000Z' })).toBe('org:0125:2026-11-30');
    expect(auditPartition({ caseId: null, organisationCode: 'KS', at: '2026-06-30T22:00:00.000Z' })).toBe('org:KS:2026-07-01');
    expect(auditPartition({ caseId: null, organisationCode: null, at: '2026-11-29T12:00:00.000Z' })).toBe('org:system:2026-11-29');
  });

  it('takes each lock once, in one order whatever order the partitions come in (so appends never deadlock)', () => {
    const keys = [`case:${CASE_A}`, 'org:0125:2026-11-30', `case:${CASE_B}`, 'org:system:2026-11-30'];
    const order = lockOrder(keys);
    expect(order).toHaveLength(4);
    expect(lockOrder([...keys].reverse())).toEqual(order);
    expect(lockOrder([...keys, ...keys])).toEqual(order);
    const asBigInts = order.map(BigInt);
    expect(asBigInts).toEqual([...asBigInts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A lock is a bigint PostgreSQL takes: signed 64 bits, and the same for the same key in every process.
    for (const lock of asBigInts) expect(BigInt.asIntN(64, lock)).toBe(lock);
    expect(partitionLock(`case:${CASE_A}`)).toBe(partitionLock(`case:${CASE_A}`));
    expect(partitionLock(`case:${CASE_A}`)).not.toBe(partitionLock(`case:${CASE_B}`));
  });
});

const about = (caseId: string | null, n: number, organisationCode = '0125'): AuditEntry => ({ ...entry(n % 10), caseId, organisationCode, requestId: `req-${n}` });

/** Rows as the repository would store them: ids in append order, each chain linked through `linkToHeads`. */
function trail(entries: AuditEntry[]): { rows: ChainedAuditRow[]; heads: Map<string, ChainHead> } {
  const linked = linkToHeads(entries, new Map());
  const rows = linked.rows.map((r, i) => ({ id: String(i + 1), ...r.content, chainKey: r.chainKey, prevHash: r.prevHash, hash: r.hash }));
  const heads = new Map([...linked.heads].map(([chainKey, h]) => [chainKey, { chainKey, lastId: String(h.index + 1), lastHash: h.lastHash, rowCount: h.rowCount }]));
  return { rows, heads };
}

/** Feeds rows in (chain key, id) order, as verify reads them, in batches of `batch`. */
function walk(rows: ChainedAuditRow[], heads: Map<string, ChainHead>, batch = 1_000, headsWithoutRows: ChainHead[] = []) {
  const ordered = [...rows].sort((a, b) => (a.chainKey < b.chainKey ? -1 : a.chainKey > b.chainKey ? 1 : Number(a.id) - Number(b.id)));
  const verifier = new TrailVerifier();
  for (let i = 0; i < ordered.length; i += batch) verifier.add(ordered.slice(i, i + batch), heads);
  return verifier.finish(headsWithoutRows);
}

describe('chains per partition', () => {
  const entries = [about(CASE_A, 1), about(CASE_B, 2), about(null, 3), about(CASE_A, 4), about(null, 5, 'KS'), about(CASE_A, 6), about(CASE_B, 7)];

  it("links each row to the previous row of its own partition, not to the row before it in time", () => {
    const { rows } = linkToHeads(entries, new Map());
    expect(rows.map((r) => r.chainKey)).toEqual([
      `case:${CASE_A}`, `case:${CASE_B}`, 'org:0125:2026-11-23', `case:${CASE_A}`, 'org:KS:2026-11-23', `case:${CASE_A}`, `case:${CASE_B}`,
    ]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(GENESIS_HASH);
    expect(rows[3].prevHash).toBe(rows[0].hash);
    expect(rows[5].prevHash).toBe(rows[3].hash);
    expect(rows[6].prevHash).toBe(rows[1].hash);
  });

  it("continues a partition from its head, and gives each partition's new head", () => {
    const first = linkToHeads(entries.slice(0, 4), new Map());
    const second = linkToHeads(entries.slice(4), first.heads);
    const whole = linkToHeads(entries, new Map());
    expect([...first.rows, ...second.rows].map((r) => r.hash)).toEqual(whole.rows.map((r) => r.hash));
    expect(second.heads.get(`case:${CASE_A}`)).toEqual({ lastHash: whole.rows[5].hash, rowCount: 3, index: 1 });
    expect(second.heads.has('org:0125:2026-11-23')).toBe(false);
  });

  it('verifies every chain and counts what it walked, across batches', () => {
    const { rows, heads } = trail(entries);
    const expected = { ok: true, rows: 7, chains: 4, caseChains: 2, organisationDayChains: 2, legacyRows: 0 };
    expect(walk(rows, heads)).toEqual(expected);
    expect(walk(rows, heads, 2)).toEqual(expected);
  });

  it('verifies the rows from before partitions as the one legacy chain they were written as', () => {
    const legacy = chain(3).map((r) => ({ ...r, chainKey: LEGACY_CHAIN }));
    const head = { chainKey: LEGACY_CHAIN, lastId: '3', lastHash: legacy[2].hash, rowCount: 3 };
    const later = trail([about(CASE_A, 4)]);
    const rows = [...legacy, ...later.rows.map((r) => ({ ...r, id: String(Number(r.id) + 3) }))];
    const heads = new Map([[LEGACY_CHAIN, head], ...[...later.heads].map(([k, h]): [string, ChainHead] => [k, { ...h, lastId: '4' }])]);
    expect(walk(rows, heads)).toMatchObject({ ok: true, rows: 4, chains: 2, legacyRows: 3, caseChains: 1 });
  });

  it('names the partition and the row of an altered row', () => {
    const { rows, heads } = trail(entries);
    rows[3] = { ...rows[3], outcome: 'refused' };
    expect(walk(rows, heads)).toMatchObject({ ok: false, partition: `case:${CASE_A}`, brokenId: '4', reason: expect.stringContaining('altered') });
  });

  it('names the partition of a row removed from the middle of its chain', () => {
    const { rows, heads } = trail(entries);
    expect(walk(rows.filter((r) => r.id !== '4'), heads)).toMatchObject({ ok: false, partition: `case:${CASE_A}`, brokenId: '6', reason: expect.stringContaining('prev_hash') });
  });

  it("names the partition whose last row was removed: the chain no longer ends at its head", () => {
    const { rows, heads } = trail(entries);
    expect(walk(rows.filter((r) => r.id !== '7'), heads)).toMatchObject({
      ok: false,
      partition: `case:${CASE_B}`,
      brokenId: '7',
      reason: expect.stringContaining('rows removed from its end'),
    });
  });

  it('names the partition whose head was removed, and the one whose every row was removed', () => {
    const { rows, heads } = trail(entries);
    const withoutHead = new Map(heads);
    withoutHead.delete('org:KS:2026-11-23');
    expect(walk(rows, withoutHead)).toMatchObject({ ok: false, partition: 'org:KS:2026-11-23', reason: expect.stringContaining('no head') });
    const emptied = walk(rows.filter((r) => r.chainKey !== 'org:KS:2026-11-23'), heads, 1_000, [heads.get('org:KS:2026-11-23')!]);
    expect(emptied).toMatchObject({ ok: false, partition: 'org:KS:2026-11-23', brokenId: '5', reason: expect.stringContaining('has no rows') });
  });

  it('names the partition whose count does not match its head', () => {
    const { rows, heads } = trail(entries);
    heads.set(`case:${CASE_B}`, { ...heads.get(`case:${CASE_B}`)!, rowCount: 3 });
    expect(walk(rows, heads)).toMatchObject({ ok: false, partition: `case:${CASE_B}`, reason: 'the chain has 2 rows but its head records 3' });
  });

  it('refuses a row moved into another chain, even when that chain is relinked around it', () => {
    // Someone who can bypass the trigger re-files case B's last row under case A and recomputes A's links and head.
    const { rows } = trail(entries);
    const moved = rows.map((r) => (r.id === '7' ? { ...r, chainKey: `case:${CASE_A}` } : r));
    const relinked = new Map<string, ChainedAuditRow[]>();
    for (const r of moved) relinked.set(r.chainKey, [...(relinked.get(r.chainKey) ?? []), r]);
    const forged: ChainedAuditRow[] = [];
    const heads = new Map<string, ChainHead>();
    for (const [key, chainRows] of relinked) {
      let prev = GENESIS_HASH;
      for (const r of chainRows) {
        const { id: _i, chainKey: _k, prevHash: _p, hash: _h, ...content } = r;
        const hash = auditHash(prev, content);
        forged.push({ ...r, prevHash: prev, hash });
        prev = hash;
      }
      heads.set(key, { chainKey: key, lastId: chainRows[chainRows.length - 1].id, lastHash: prev, rowCount: chainRows.length });
    }
    expect(walk(forged, heads)).toMatchObject({ ok: false, partition: `case:${CASE_A}`, brokenId: '7', reason: expect.stringContaining(`belongs to partition case:${CASE_B}`) });
  });

  it('reports the first break of every broken chain', () => {
    const { rows, heads } = trail(entries);
    const verdict = walk(rows.map((r) => (r.id === '2' || r.id === '3' ? { ...r, actor: 'x' } : r)), heads);
    expect(verdict).toMatchObject({ ok: false, failures: [{ partition: `case:${CASE_B}`, brokenId: '2' }, { partition: 'org:0125:2026-11-23', brokenId: '3' }] });
  });
});
