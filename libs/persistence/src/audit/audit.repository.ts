import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../pagination';
import { auditHash, AuditEntry, ChainVerdict, GENESIS_HASH, StoredAuditRow, verifyChain } from './audit-chain';

// Serialises appends so each row links to the one before it. Held only for the length of one transaction.
const AUDIT_CHAIN_LOCK = 7_261_948;

export type NewAuditEntry = Omit<AuditEntry, 'at'> & { at?: Date };

interface AuditRowRecord {
  id: string;
  at: Date;
  actor: string;
  organisation_code: string | null;
  action: string;
  case_id: string | null;
  task_id: string | null;
  request_id: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

const toStored = (r: AuditRowRecord): StoredAuditRow => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: r.actor,
  organisationCode: r.organisation_code,
  action: r.action,
  caseId: r.case_id,
  taskId: r.task_id,
  requestId: r.request_id,
  outcome: r.outcome,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The append-only audit trail. There is deliberately no update or delete method; the table's trigger refuses
 * both anyway. Append inside the transaction of the change the row records.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends within `em`'s transaction (or a transaction of its own when `em` is omitted). */
  async append(entry: NewAuditEntry, em?: EntityManager): Promise<void> {
    if (!em) return this.dataSource.transaction((tx) => this.append(entry, tx));
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last]: { hash: string }[] = await em.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Millisecond precision: what is hashed is exactly what timestamptz gives back.
    const at = new Date(Math.floor((entry.at ?? new Date()).getTime()));
    const content: AuditEntry = {
      at: at.toISOString(),
      actor: entry.actor,
      organisationCode: entry.organisationCode,
      action: entry.action,
      caseId: entry.caseId,
      taskId: entry.taskId,
      requestId: entry.requestId,
      outcome: entry.outcome,
      detail: entry.detail,
    };
    await em.query(
      `INSERT INTO audit_log (at, actor, organisation_code, action, case_id, task_id, request_id, outcome, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [at, content.actor, content.organisationCode, content.action, content.caseId, content.taskId, content.requestId,
        content.outcome, content.detail, prevHash, auditHash(prevHash, content)],
    );
  }

  /** Oldest first, for one case (admin view). */
  async list(filter: { caseId?: string; limit: number; cursor?: string }): Promise<Page<StoredAuditRow>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.caseId) {
      params.push(filter.caseId);
      where.push(`case_id = $${params.length}`);
    }
    if (filter.cursor) {
      params.push(decodeCursor(filter.cursor).id);
      where.push(`id > $${params.length}::bigint`);
    }
    params.push(filter.limit + 1);
    const rows: AuditRowRecord[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map(toStored);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ sortKey: '', id: last.id }) : null };
  }

  /** Walks the whole chain in batches. */
  async verify(batchSize = 5_000): Promise<ChainVerdict> {
    let state = { prevHash: GENESIS_HASH, count: 0 };
    let after = '0';
    for (;;) {
      const rows: AuditRowRecord[] = await this.dataSource.query(
        'SELECT * FROM audit_log WHERE id > $1::bigint ORDER BY id LIMIT $2',
        [after, batchSize],
      );
      if (rows.length === 0) return { ok: true, rows: state.count };
      const verdict = verifyChain(rows.map(toStored), state);
      if (!verdict.ok) return verdict;
      state = { prevHash: verdict.lastHash, count: verdict.rows };
      after = rows[rows.length - 1].id;
    }
  }
}
