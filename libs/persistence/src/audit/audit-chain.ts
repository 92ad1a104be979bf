import { stockholmDate } from '../../../domain/src/time/stockholm';
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

/** Every chain starts from this value, so its first row is verifiable too. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The one chain of the rows written before the trail was split into partitions (issue 16). It is verified as it was
 * written: every such row in id order, from the genesis hash. No new row joins it.
 */
export const LEGACY_CHAIN = 'legacy';

/**
 * SHA-256 over the previous row's hash, a newline and this row's content as RFC 8785 canonical JSON (key order
 * does not matter). Rows written before the switch to `canonicalize` hash the same: the earlier hand-written
 * form (sorted keys, then JSON.stringify) is byte-identical for everything a jsonb column can hold.
 */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  return sha256Hex(prevHash, '\n', canonicalJson(entry));
}

/**
 * The chain a row belongs to, from its content alone (so verify can check that each row sits in its own chain): its
 * case (`case:<caseId>`) when it has one, else its organisation and Stockholm day (`org:<code|system>:<YYYY-MM-DD>`).
 * A case's chain thus holds every row about the case; the rows of no case are cut by day so no chain grows forever.
 */
export function auditPartition(entry: Pick<AuditEntry, 'at' | 'caseId' | 'organisationCode'>): string {
  if (entry.caseId !== null) return `case:${entry.caseId}`;
  return `org:${entry.organisationCode ?? 'system'}:${stockholmDate(entry.at)}`;
}

/**
 * The advisory lock of a partition: the first 64 bits of SHA-256 over its key, as a signed bigint (decimal). Two
 * partitions sharing a lock (one chance in 2^64) only serialise each other's appends; nothing else depends on it.
 */
export function partitionLock(chainKey: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${sha256Hex(chainKey).slice(0, 16)}`));
}

/**
 * The locks an append of these partitions takes, each once, in ascending order. Every transaction takes its locks
 * in this one order, so two transactions wanting overlapping partitions queue instead of deadlocking.
 */
export function lockOrder(chainKeys: Iterable<string>): string[] {
  const locks = [...new Set([...chainKeys].map(partitionLock))];
  return locks.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/** The end of one chain as the heads table records it, updated in the transaction of every append to the chain. */
export interface ChainHead {
  chainKey: string;
  lastId: string;
  lastHash: string;
  rowCount: number;
}

export interface LinkedRow {
  content: AuditEntry;
  chainKey: string;
  prevHash: string;
  hash: string;
}

/**
 * Links entries (in order) each to the previous row of its own partition: the partition's head, or the row before
 * it in this batch. Returns the rows and, per partition written, its new last hash and row count (the last id is
 * known once the rows are inserted: the `index` of the partition's last row in `rows`).
 */
export function linkToHeads(
  entries: AuditEntry[],
  heads: ReadonlyMap<string, Pick<ChainHead, 'lastHash' | 'rowCount'>>,
): { rows: LinkedRow[]; heads: Map<string, { lastHash: string; rowCount: number; index: number }> } {
  const next = new Map<string, { lastHash: string; rowCount: number; index: number }>();
  const rows = entries.map((content, index) => {
    const chainKey = auditPartition(content);
    const before = next.get(chainKey) ?? heads.get(chainKey) ?? { lastHash: GENESIS_HASH, rowCount: 0 };
    const hash = auditHash(before.lastHash, content);
    next.set(chainKey, { lastHash: hash, rowCount: before.rowCount + 1, index });
    return { content, chainKey, prevHash: before.lastHash, hash };
  });
  return { rows, heads: next };
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

/** A stored row with the chain it was appended to. */
export interface ChainedAuditRow extends StoredAuditRow {
  chainKey: string;
}

/** Why one chain does not verify: the partition, the row where it breaks (none when the chain has no rows). */
export interface ChainFailure {
  partition: string;
  brokenId: string | null;
  reason: string;
}

/** What a walk of the whole trail proved, or the chains that broke (the first break of each). */
export type TrailVerdict = {
  rows: number;
  chains: number;
  legacyRows: number;
  caseChains: number;
  organisationDayChains: number;
} & ({ ok: true } | { ok: false; partition: string; brokenId: string | null; reason: string; failures: ChainFailure[] });

/**
 * Walks the trail chain by chain: rows come in (chain key, id) order, in batches, each batch with the heads of the
 * chains it touches. Each chain must link from the genesis hash row by row, each row must belong to the chain's
 * partition (the legacy chain excepted), and the chain must end at the row, hash and count its head records. Heads
 * that no row reaches are given to `finish`.
 */
export class TrailVerifier {
  private rows = 0;
  private legacyRows = 0;
  private chains = 0;
  private caseChains = 0;
  private organisationDayChains = 0;
  private readonly failures: ChainFailure[] = [];
  private current: { key: string; head: ChainHead | undefined; prevHash: string; count: number; lastId: string; broken: boolean } | null = null;

  /** Feeds the next rows in (chain key, id) order; `heads` holds the head of every chain among them that has one. */
  add(rows: Iterable<ChainedAuditRow>, heads: ReadonlyMap<string, ChainHead>): void {
    for (const row of rows) {
      if (this.current?.key !== row.chainKey) {
        this.closeChain();
        this.openChain(row.chainKey, heads.get(row.chainKey));
      }
      const chain = this.current!;
      this.rows += 1;
      if (chain.key === LEGACY_CHAIN) this.legacyRows += 1;
      if (chain.broken) continue;
      const { chainKey, ...stored } = row;
      const belongs = chainKey === LEGACY_CHAIN ? chainKey : auditPartition(stored);
      const verdict =
        belongs !== chainKey
          ? { ok: false as const, brokenId: row.id, reason: `its content belongs to partition ${belongs} (moved between chains)` }
          : verifyChain([stored], { prevHash: chain.prevHash, count: chain.count });
      if (!verdict.ok) {
        this.fail(chain.key, verdict.brokenId, verdict.reason);
        chain.broken = true;
        continue;
      }
      chain.prevHash = row.hash;
      chain.count += 1;
      chain.lastId = row.id;
    }
  }

  /** Ends the walk. `headsWithoutRows`: heads whose chain has no row at all (every row of it was removed). */
  finish(headsWithoutRows: Iterable<ChainHead>): TrailVerdict {
    this.closeChain();
    for (const head of headsWithoutRows) {
      this.fail(head.chainKey, head.lastId, `its head records ${head.rowCount} rows ending at row ${head.lastId}, but the chain has no rows (removed)`);
    }
    const totals = {
      rows: this.rows,
      chains: this.chains,
      legacyRows: this.legacyRows,
      caseChains: this.caseChains,
      organisationDayChains: this.organisationDayChains,
    };
    const [first] = this.failures;
    if (!first) return { ...totals, ok: true };
    return { ...totals, ok: false, partition: first.partition, brokenId: first.brokenId, reason: first.reason, failures: [...this.failures] };
  }

  private openChain(key: string, head: ChainHead | undefined): void {
    this.chains += 1;
    if (key.startsWith('case:')) this.caseChains += 1;
    else if (key.startsWith('org:')) this.organisationDayChains += 1;
    this.current = { key, head, prevHash: GENESIS_HASH, count: 0, lastId: '0', broken: false };
  }

  private closeChain(): void {
    const chain = this.current;
    this.current = null;
    if (!chain || chain.broken) return;
    const { head } = chain;
    if (!head) {
      this.fail(chain.key, chain.lastId, `the chain has no head recorded (its head was removed), so its end cannot be checked`);
    } else if (head.lastId !== chain.lastId || head.lastHash !== chain.prevHash) {
      const removed = BigInt(head.lastId) > BigInt(chain.lastId);
      this.fail(
        chain.key,
        head.lastId,
        removed
          ? `the chain ends at row ${chain.lastId} but its head records row ${head.lastId} (rows removed from its end)`
          : `the chain ends at row ${chain.lastId} but its head records row ${head.lastId} (rows added behind the head's back, or the head altered)`,
      );
    } else if (head.rowCount !== chain.count) {
      this.fail(chain.key, chain.lastId, `the chain has ${chain.count} rows but its head records ${head.rowCount}`);
    }
  }

  private fail(partition: string, brokenId: string | null, reason: string): void {
    this.failures.push({ partition, brokenId, reason });
  }
}
