import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditChainHeadEntity, AuditLogEntity } from '../entities/audit-log.entity';
import { jsonb } from '../entities/jsonb';
import { CURSORS, CursorKind, decodeCursor, encodeCursor, Page } from '../pagination';
import { AUDIT_APPEND_TIMER, AuditAppendTimer } from './audit-append-timer';
import { AuditEntry, ChainedAuditRow, ChainHead, linkToHeads, lockOrder, StoredAuditRow, TrailVerdict, TrailVerifier } from './audit-chain';

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

const toHead = (h: AuditChainHeadEntity): ChainHead => ({ chainKey: h.chainKey, lastId: h.lastId, lastHash: h.lastHash, rowCount: Number(h.rowCount) });

/**
 * The append-only audit trail. There is deliberately no update or delete method; the table's trigger refuses
 * both anyway. Append inside the transaction of the change the row records.
 */
@Injectable()
export class AuditRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(AUDIT_APPEND_TIMER) private readonly timer?: AuditAppendTimer,
  ) {}

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
   * Appends rows in order within `em`'s transaction, each linked to the previous row of its own partition (its case,
   * or its organisation's Stockholm day; see `auditPartition`). Only those partitions' locks are taken, in one global
   * order, and held to the end of the transaction: appends to other partitions never wait for this one. Call it
   * last in a transaction that does other work all the same, since a second append to the same case waits for it.
   */
  async appendMany(entries: NewAuditEntry[], em: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    if (!this.timer) return this.appendChained(entries, em);
    const started = process.hrtime.bigint();
    await this.appendChained(entries, em);
    this.timer.observe(Number(process.hrtime.bigint() - started) / 1e9, entries.length);
  }

  private async appendChained(entries: NewAuditEntry[], em: EntityManager): Promise<void> {
    const contents = entries.map((entry): AuditEntry => {
      // Millisecond precision: what is hashed is exactly what timestamptz gives back.
      const at = new Date(Math.floor((entry.at ?? new Date()).getTime()));
      return {
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
    });
    const partitions = [...new Set(linkToHeads(contents, new Map()).rows.map((r) => r.chainKey))];
    // One statement per lock, so each is taken in the order given (usually there is one: a request's case or day).
    for (const lock of lockOrder(partitions)) await em.query('SELECT pg_advisory_xact_lock($1::bigint)', [lock]);
    // Read after the locks are held (a statement of its own: its snapshot is taken after the wait).
    const heads = await em.getRepository(AuditChainHeadEntity).find({ where: { chainKey: In(partitions) } });
    const linked = linkToHeads(contents, new Map(heads.map((h) => [h.chainKey, { lastHash: h.lastHash, rowCount: Number(h.rowCount) }])));
    const rows = linked.rows.map((r) => ({ ...r.content, at: new Date(r.content.at), detail: jsonb(r.content.detail), chainKey: r.chainKey, prevHash: r.prevHash, hash: r.hash }));
    // One statement: ids follow the order of the rows, so a partition's last row is the one with the highest id.
    const inserted = await em.createQueryBuilder().insert().into(AuditLogEntity).values(rows).execute();
    const ids = inserted.identifiers.map((r) => String(r.id));
    const moved = [...linked.heads].map(([chainKey, head]) => ({ chainKey, lastId: ids[head.index], lastHash: head.lastHash, rowCount: String(head.rowCount) }));
    await em
      .createQueryBuilder()
      .insert()
      .into(AuditChainHeadEntity)
      .values(moved)
      .orUpdate(['last_id', 'last_hash', 'row_count'], ['chain_key'])
      .updateEntity(false)
      .execute();
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

  /**
   * Walks every chain of the trail (the legacy chain of the rows from before partitions, and one per partition since),
   * in (chain, id) order in batches, and checks each ends at its recorded head with its recorded count. Reports the
   * first break of every broken chain, naming its partition.
   */
  async verify(batchSize = 5_000): Promise<TrailVerdict> {
    const log = this.dataSource.getRepository(AuditLogEntity);
    const headsOf = this.dataSource.getRepository(AuditChainHeadEntity);
    const verifier = new TrailVerifier();
    let after: { chainKey: string; id: string } | null = null;
    for (;;) {
      const qb = log.createQueryBuilder('a').orderBy('a.chain_key', 'ASC').addOrderBy('a.id', 'ASC').limit(batchSize);
      if (after) qb.where('(a.chain_key, a.id) > (:chainKey, :id::bigint)', after);
      const rows = await qb.getMany();
      if (rows.length === 0) break;
      const keys = [...new Set(rows.map((r) => r.chainKey))];
      const heads = await headsOf.find({ where: { chainKey: In(keys) } });
      verifier.add(
        rows.map((r): ChainedAuditRow => ({ ...toStored(r), chainKey: r.chainKey })),
        new Map(heads.map((h) => [h.chainKey, toHead(h)])),
      );
      const last = rows[rows.length - 1];
      after = { chainKey: last.chainKey, id: last.id };
    }
    const orphans = await headsOf
      .createQueryBuilder('h')
      .where('NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.chain_key = h.chain_key)')
      .orderBy('h.chain_key', 'ASC')
      .getMany();
    return verifier.finish(orphans.map(toHead));
  }
}
