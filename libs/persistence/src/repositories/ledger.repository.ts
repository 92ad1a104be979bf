import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface Booking {
  bookingKey: string;
  mandateId: string;
  source: string;
  sourceId: string;
  kind: 'approved' | 'paid';
  category: string;
  amountOre: number;
  payerOrg: string;
  payeeOrg: string;
  reference: string | null;
  bookedBy: string;
}

/** The append-only ledger. Bookings are keyed: the same booking twice is one row. No update or delete path. */
@Injectable()
export class LedgerRepository {
  /** Serialises bookings against one mandate (its ceiling) for the rest of the transaction. */
  async lockMandate(mandateId: string, em: EntityManager): Promise<void> {
    await em.query('SELECT id FROM mandates WHERE id = $1 FOR UPDATE', [mandateId]);
  }

  async sum(em: EntityManager, where: { mandateId?: string; sourceId?: string; kind: 'approved' | 'paid' }): Promise<number> {
    const [row] = await em.query(
      `SELECT coalesce(sum(amount_ore), 0)::bigint::float8 AS total FROM ledger_entries
       WHERE kind = $1 AND ($2::uuid IS NULL OR mandate_id = $2) AND ($3::uuid IS NULL OR source_id = $3)`,
      [where.kind, where.mandateId ?? null, where.sourceId ?? null],
    );
    return Number(row.total);
  }

  /** Inserts the bookings not already there (by key); returns how many rows it added. */
  async book(bookings: Booking[], em: EntityManager): Promise<number> {
    let added = 0;
    for (const b of bookings) {
      const rows = await em.query(
        `INSERT INTO ledger_entries (booking_key, mandate_id, source, source_id, kind, category, amount_ore, payer_org, payee_org, reference, booked_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (booking_key) DO NOTHING RETURNING id`,
        [b.bookingKey, b.mandateId, b.source, b.sourceId, b.kind, b.category, b.amountOre, b.payerOrg, b.payeeOrg, b.reference, b.bookedBy],
      );
      added += rows.length;
    }
    return added;
  }

  entriesFor(sourceId: string, em: EntityManager): Promise<{ kind: string; category: string; amountOre: number }[]> {
    return em.query(
      `SELECT kind, category, amount_ore::bigint::float8 AS "amountOre" FROM ledger_entries WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );
  }
}
