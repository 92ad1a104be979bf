import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ClaimState } from '../../../contracts/src/reimbursement-claim.contract';

/** The claims projection: status and the current revision's lines, for reports. Newer versions win. */
@Injectable()
export class ClaimRepository {
  async upsert(state: ClaimState, em: EntityManager): Promise<void> {
    const current = state.revisions[state.revisions.length - 1];
    const claimed = current.lines.reduce((n, l) => n + l.amountOre, 0);
    const rows = await em.query(
      `INSERT INTO claims (id, mandate_id, status, revision, period_from, period_to, claimed_ore, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, revision = EXCLUDED.revision,
         period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to, claimed_ore = EXCLUDED.claimed_ore,
         version = EXCLUDED.version, updated_at = now()
       WHERE claims.version < EXCLUDED.version
       RETURNING id`,
      [state.claimId, state.mandate.id, state.status, current.revision, current.periodFrom, current.periodTo, claimed, state.version],
    );
    if (rows.length === 0) return; // an older snapshot arriving late
    await em.query('DELETE FROM claim_lines WHERE claim_id = $1', [state.claimId]);
    for (const l of current.lines) {
      await em.query(
        `INSERT INTO claim_lines (claim_id, line_no, date, category, description, amount_ore, document_ref) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [state.claimId, l.lineNo, l.date, l.category, l.description, l.amountOre, l.documentRef],
      );
    }
  }
}
