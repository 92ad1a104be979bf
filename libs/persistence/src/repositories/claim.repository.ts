import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Claim } from '../../../contracts/src/reimbursement-claim.contract';

/** What the claims projection needs of a claim, at the version the case's step writes. */
export type ClaimProjection = Pick<Claim, 'claimId' | 'mandate' | 'status' | 'revisions'> & { version: number };
import { ClaimLineEntity } from '../entities/claim-line.entity';
import { ClaimEntity } from '../entities/claim.entity';
import { rowsWritten } from '../write-result';

/** The claims projection: status and the current revision's lines, for reports. Newer versions win. */
@Injectable()
export class ClaimRepository {
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
