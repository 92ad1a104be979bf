import { auditHash, AuditEntry, GENESIS_HASH, StoredAuditRow, verifyChain } from './audit-chain';

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
