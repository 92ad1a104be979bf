import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MandateRef } from '../../../contracts/src/reimbursement-claim.contract';

export interface Mandate extends MandateRef {
  title: string;
  decidedOn: string;
}

const SELECT = `SELECT id, reference, title, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn",
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
  payer_org AS "payerOrg", payee_org AS "payeeOrg", ceiling_ore::bigint::float8 AS "ceilingOre" FROM mandates`;

export interface CategoryFigures {
  category: string;
  claimedOre: number;
  approvedOre: number;
  paidOre: number;
  outstandingOre: number;
}

@Injectable()
export class MandateRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<Mandate[]> {
    return this.dataSource.query(`${SELECT} ORDER BY decided_on DESC, reference`);
  }

  async find(id: string): Promise<Mandate | null> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE id = $1`, [id]);
    return row ?? null;
  }

  async findByReference(reference: string): Promise<Mandate | null> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE reference = $1`, [reference]);
    return row ?? null;
  }

  async insert(m: Omit<Mandate, 'id'>, em: EntityManager): Promise<Mandate | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO mandates (reference, title, decided_on, valid_from, valid_to, payer_org, payee_org, ceiling_ore)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [m.reference, m.title, m.decidedOn, m.validFrom, m.validTo, m.payerOrg, m.payeeOrg, m.ceilingOre],
    );
    if (rows.length === 0) return null;
    const [row] = await em.query(`${SELECT} WHERE id = $1`, [rows[0].id]);
    return row;
  }

  /**
   * Claimed (submitted claims' current lines, withdrawn and drafts aside), approved and paid (the ledger), and
   * outstanding (approved, not yet paid), per category. Money in öre.
   */
  async figures(mandateId: string): Promise<CategoryFigures[]> {
    const rows: { category: string; claimed: string; approved: string; paid: string }[] = await this.dataSource.query(
      `WITH claimed AS (
         SELECT l.category, sum(l.amount_ore) AS amount FROM claim_lines l JOIN claims c ON c.id = l.claim_id
         WHERE c.mandate_id = $1 AND c.status NOT IN ('draft', 'withdrawn') GROUP BY l.category),
       booked AS (
         SELECT category, sum(amount_ore) FILTER (WHERE kind = 'approved') AS approved,
                sum(amount_ore) FILTER (WHERE kind = 'paid') AS paid
         FROM ledger_entries WHERE mandate_id = $1 GROUP BY category)
       SELECT coalesce(c.category, b.category) AS category, coalesce(c.amount, 0) AS claimed,
              coalesce(b.approved, 0) AS approved, coalesce(b.paid, 0) AS paid
       FROM claimed c FULL JOIN booked b ON b.category = c.category ORDER BY 1`,
      [mandateId],
    );
    return rows.map((r) => ({
      category: r.category,
      claimedOre: Number(r.claimed),
      approvedOre: Number(r.approved),
      paidOre: Number(r.paid),
      outstandingOre: Number(r.approved) - Number(r.paid),
    }));
  }
}
