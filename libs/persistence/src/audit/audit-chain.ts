import { createHash } from 'node:crypto';

/** What one audit row says. `at` is fixed to millisecond ISO form so the hash survives a round trip. */
export interface AuditEntry {
  at: string;
  actor: string;
  organisationCode: string | null;
  action: string;
  caseId: string | null;
  taskId: string | null;
  requestId: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
}

/** The chain starts from this value, so the first row is verifiable too. */
export const GENESIS_HASH = '0'.repeat(64);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 over the previous row's hash and this row's content in a key-order-independent form. */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify(canonical(entry)))
    .digest('hex');
}

export interface StoredAuditRow extends AuditEntry {
  id: string;
  prevHash: string;
  hash: string;
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenId: string; reason: string };

/** Walks rows in id order; the first row whose link or content does not match breaks the chain. */
export function verifyChain(rows: Iterable<StoredAuditRow>, start = { prevHash: GENESIS_HASH, count: 0 }): ChainVerdict & { lastHash: string } {
  let prev = start.prevHash;
  let count = start.count;
  for (const row of rows) {
    count += 1;
    if (row.prevHash !== prev) {
      return { ok: false, rows: count, brokenId: row.id, reason: 'its prev_hash does not match the previous row', lastHash: prev };
    }
    const { id: _id, prevHash: _p, hash, ...entry } = row;
    if (auditHash(prev, entry) !== hash) {
      return { ok: false, rows: count, brokenId: row.id, reason: 'its content does not match its hash (altered)', lastHash: prev };
    }
    prev = hash;
  }
  return { ok: true, rows: count, lastHash: prev };
}
