import { canonicalJson, sha256Hex } from '../canonical-json';

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

/**
 * SHA-256 over the previous row's hash, a newline and this row's content as RFC 8785 canonical JSON (key order
 * does not matter). Rows written before the switch to `canonicalize` hash the same: the earlier hand-written
 * form (sorted keys, then JSON.stringify) is byte-identical for everything a jsonb column can hold.
 */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  return sha256Hex(prevHash, '\n', canonicalJson(entry));
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
