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

describe('audit hash chain', () => {
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
