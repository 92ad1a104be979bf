import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseSnapshot } from '../../../contracts/src/case-projection.contract';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseEntity } from '../entities/case.entity';
import { decodeCursor, encodeCursor, Page } from '../pagination';

export interface CaseListFilter {
  /** Only cases this organisation is a party to. */
  partyOrg: string;
  caseType?: string;
  status?: string;
  limit: number;
  cursor?: string;
}

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a workflow's snapshot. Idempotent and order-safe: an activity retried, or delivered after a
   * newer one, never overwrites a newer version, and events already stored are kept as they are.
   */
  async upsertSnapshot(s: CaseSnapshot): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary, subject)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET
           status = EXCLUDED.status, parties = EXCLUDED.parties, version = EXCLUDED.version,
           summary = EXCLUDED.summary, subject = EXCLUDED.subject, updated_at = now()
         WHERE cases.version < EXCLUDED.version`,
        [s.caseId, s.caseType, s.workflowId, s.status, s.parties, s.version, s.summary, s.subject ?? null],
      );
      if (s.events.length > 0) {
        await em.query(
          `INSERT INTO case_events (case_id, seq, at, actor, organisation_code, type, detail)
           SELECT $1, e.seq, e.at, e.actor, e.organisation_code, e.type, e.detail
           FROM jsonb_to_recordset($2::jsonb)
             AS e(seq integer, at timestamptz, actor text, organisation_code text, type text, detail jsonb)
           ON CONFLICT (case_id, seq) DO NOTHING`,
          [
            s.caseId,
            JSON.stringify(
              s.events.map((e) => ({ ...e, organisation_code: e.organisationCode, detail: e.detail ?? null })),
            ),
          ],
        );
      }
    });
  }

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id });
  }

  timeline(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  /** Newest first, keyset-paginated on (created_at, id) so pages stay stable while cases are added. */
  async list(filter: CaseListFilter): Promise<Page<CaseEntity>> {
    const qb = this.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit + 1)
      .where(':partyOrg = ANY(c.parties)', { partyOrg: filter.partyOrg });
    if (filter.caseType) qb.andWhere('c.case_type = :caseType', { caseType: filter.caseType });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.cursor) {
      const { sortKey, id } = decodeCursor(filter.cursor);
      qb.andWhere('(c.created_at, c.id) < (:sortKey::timestamptz, :id::uuid)', { sortKey, id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor({ sortKey: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }
}
