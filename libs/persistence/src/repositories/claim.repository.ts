import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Claim } from '../../../contracts/src/reimbursement-claim.contract';

/** What the claims projection needs of a claim, at the version the case's step writes. */
export type ClaimProjection = Pick<Claim, 'claimId' | 'mandate' | 'status' | 'revisions'> & { version: number };
import { ClaimLineEntity } from '../entities/claim-line.entity';
import { ClaimEntity } from '../entities/claim.entity';
import { CURSORS, decodeCursor, encodeCursor, type Page } from '../pagination';
import { rowsWritten } from '../write-result';

export interface ClaimListRow {
  claimId: string;
  mandateId: string;
  mandateReference: string;
  status: string;
  revision: number;
  periodFrom: string;
  periodTo: string;
  claimedOre: number;
  approvedOre: number | null;
  paidOre: number | null;
  openedAt: Date;
  updatedAt: Date;
}

/** The claims projection: status and the current revision's lines, for reports. Newer versions win. */
@Injectable()
export class ClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The newest claims an organisation is party to (by the case projection's parties), with their mandate's
   * reference and what the ledger holds approved and paid, a page at a time. No personal data.
   * Sorted by the case's opening to the millisecond (what a cursor's instant holds), then the id.
   */
  async list(filter: { partyOrg: string; status?: string; limit: number; cursor?: string }): Promise<Page<ClaimListRow>> {
    const after = filter.cursor ? decodeCursor(CURSORS.claims, filter.cursor) : null;
    const rows: ClaimListRow[] = await this.dataSource.query(
      `SELECT cl.id AS "claimId", cl.mandate_id AS "mandateId", m.reference AS "mandateReference", cl.status, cl.revision,
         to_char(cl.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(cl.period_to, 'YYYY-MM-DD') AS "periodTo",
         cl.claimed_ore::float8 AS "claimedOre",
         (SELECT sum(e.amount_ore) FROM ledger_entries e WHERE e.source_id = cl.id AND e.kind = 'approved')::float8 AS "approvedOre",
         (SELECT sum(e.amount_ore) FROM ledger_entries e WHERE e.source_id = cl.id AND e.kind = 'paid')::float8 AS "paidOre",
         date_trunc('milliseconds', c.created_at) AS "openedAt", cl.updated_at AS "updatedAt"
       FROM claims cl JOIN cases c ON c.id = cl.id JOIN mandates m ON m.id = cl.mandate_id
       WHERE $1 = ANY (c.parties) AND ($2::text IS NULL OR cl.status = $2)
         AND ($4::timestamptz IS NULL OR (date_trunc('milliseconds', c.created_at), cl.id) < ($4::timestamptz, $5::uuid))
       ORDER BY date_trunc('milliseconds', c.created_at) DESC, cl.id DESC LIMIT $3`,
      [filter.partyOrg, filter.status ?? null, filter.limit + 1, after?.sortKey ?? null, after?.id ?? null],
    );
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor(CURSORS.claims, { sortKey: last.openedAt.toISOString(), id: last.claimId }) : null,
    };
  }

  async upsert(state: ClaimProjection, em: EntityManager): Promise<void> {
    const current = state.revisions[state.revisions.length - 1];
    const claimed = current.lines.reduce((n, l) => n + l.amountOre, 0);
    const written = await em
      .createQueryBuilder()
      .insert()
      .into(ClaimEntity)
      .values({
        id: state.claimId,
        mandateId: state.mandate.id,
        status: state.status,
        revision: current.revision,
        periodFrom: current.periodFrom,
        periodTo: current.periodTo,
        claimedOre: claimed,
        version: state.version,
      })
      .orUpdate(['status', 'revision', 'period_from', 'period_to', 'claimed_ore', 'version'], ['id'], {
        overwriteCondition: { where: 'claims.version < EXCLUDED.version' },
      })
      .returning(['id'])
      .updateEntity(false)
      .execute();
    if (rowsWritten(written) === 0) return; // an older snapshot arriving late
    await em.createQueryBuilder().delete().from(ClaimLineEntity).where({ claimId: state.claimId }).execute();
    if (current.lines.length === 0) return;
    // One statement: a revision has at most 500 lines (the API refuses more), 3,500 parameters.
    await em
      .createQueryBuilder()
      .insert()
      .into(ClaimLineEntity)
      .values(
        current.lines.map((l) => ({
          claimId: state.claimId,
          lineNo: l.lineNo,
          date: l.date,
          category: l.category,
          description: l.description,
          amountOre: l.amountOre,
          documentRef: l.documentRef,
        })),
      )
      .updateEntity(false)
      .execute();
  }
}
