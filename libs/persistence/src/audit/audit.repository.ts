import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan, SelectQueryBuilder } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { jsonb } from '../entities/jsonb';
import { CURSORS, CursorKind, decodeCursor, encodeCursor, Page } from '../pagination';
import { auditHash, AuditEntry, ChainVerdict, GENESIS_HASH, StoredAuditRow, verifyChain } from './audit-chain';

// Serialises appends so each row links to the one before it. Held only for the length of one transaction.
const AUDIT_CHAIN_LOCK = 7_261_948;

export type NewAuditEntry = Omit<AuditEntry, 'at'> & { at?: Date };

const toStored = (r: AuditLogEntity): StoredAuditRow => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: r.actor,
  organisationCode: r.organisationCode,
  action: r.action,
  caseId: r.caseId,
  taskId: r.taskId,
  requestId: r.requestId,
  outcome: r.outcome,
  detail: r.detail,
  prevHash: r.prevHash,
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
    if (!em) return this.dataSource.transaction((tx) => this.appendMany([entry], tx));
    await this.appendMany([entry], em);
  }

  /** Appends rows in order, in one transaction of their own (one turn of the chain's lock, one insert). */
  async appendAll(entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.dataSource.transaction((tx) => this.appendMany(entries, tx));
  }

  /**
   * Appends rows in order within `em`'s transaction, each linked to the one before. The chain's lock is held from
   * here to the end of the transaction, so call this last in a transaction that does other work.
   */
  async appendMany(entries: NewAuditEntry[], em: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await em.getRepository(AuditLogEntity).find({ select: { id: true, hash: true }, order: { id: 'DESC' }, take: 1 });
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = entries.map((entry) => {
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
      const hash = auditHash(prevHash, content);
      const row = { ...content, at, detail: jsonb(content.detail), prevHash, hash };
      prevHash = hash;
      return row;
    });
    // One statement: ids follow the order of the rows, so each row's prev_hash is the hash of the one before.
    await em.createQueryBuilder().insert().into(AuditLogEntity).values(rows).updateEntity(false).execute();
  }

  /**
   * Oldest first. `visibleTo` scopes the rows to one organisation's: those its people wrote, and every row of a case
   * it is party to. Without it, every row (the platform auditor's view).
   */
  async list(filter: { caseId?: string; visibleTo?: string; limit: number; cursor?: string }): Promise<Page<StoredAuditRow>> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filter.caseId) qb.andWhere('a.caseId = :caseId', { caseId: filter.caseId });
    if (filter.visibleTo !== undefined) {
      qb.andWhere('(a.organisation_code = :org OR a.case_id IN (SELECT c.id FROM cases c WHERE :org = ANY(c.parties)))', { org: filter.visibleTo });
    }
    return this.page(qb, CURSORS.audit, filter);
  }

  /**
   * The rows of `action` about any of `caseIds`, oldest first (a patient's access log: the reads of their cases).
   * Its own cursor kind, so a cursor of /audit is refused here.
   */
  async ofCases(filter: { action: string; caseIds: string[]; limit: number; cursor?: string }): Promise<Page<StoredAuditRow>> {
    if (filter.cursor) decodeCursor(CURSORS.accessLog, filter.cursor);
    if (filter.caseIds.length === 0) return { items: [], nextCursor: null };
    const qb = this.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where('a.action = :action', { action: filter.action })
      .andWhere('a.case_id = ANY(:caseIds::uuid[])', { caseIds: filter.caseIds });
    return this.page(qb, CURSORS.accessLog, filter);
  }

  private async page(qb: SelectQueryBuilder<AuditLogEntity>, kind: CursorKind, filter: { limit: number; cursor?: string }): Promise<Page<StoredAuditRow>> {
    qb.orderBy('a.id', 'ASC').limit(filter.limit + 1);
    if (filter.cursor) qb.andWhere('a.id > :after::bigint', { after: decodeCursor(kind, filter.cursor).id });
    const rows = await qb.getMany();
    const items = rows.slice(0, filter.limit).map(toStored);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor(kind, { sortKey: '', id: last.id }) : null };
  }

  /** Walks the whole chain in batches. */
  async verify(batchSize = 5_000): Promise<ChainVerdict> {
    const log = this.dataSource.getRepository(AuditLogEntity);
    let state = { prevHash: GENESIS_HASH, count: 0 };
    let after = '0';
    for (;;) {
      const rows = await log.find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: batchSize });
      if (rows.length === 0) return { ok: true, rows: state.count };
      const verdict = verifyChain(rows.map(toStored), state);
      if (!verdict.ok) return verdict;
      state = { prevHash: verdict.lastHash, count: verdict.rows };
      after = rows[rows.length - 1].id;
    }
  }
}
