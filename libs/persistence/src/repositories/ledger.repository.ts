import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import { MandateEntity } from '../entities/mandate.entity';
import type { LedgerBooking } from '../../../domain/src/case/effects';
import { rowsWritten } from '../write-result';

/** One ledger row, as the case rules compute it (libs/domain/src/case/effects.ts). */
export type Booking = LedgerBooking;

/** The append-only ledger. Bookings are keyed: the same booking twice is one row. No update or delete path. */
@Injectable()
export class LedgerRepository {
  /** Serialises bookings against one mandate (its ceiling) for the rest of the transaction. */
  async lockMandate(mandateId: string, em: EntityManager): Promise<void> {
    await em.getRepository(MandateEntity).findOne({ select: { id: true }, where: { id: mandateId }, lock: { mode: 'pessimistic_write' } });
  }

  async sum(em: EntityManager, where: { mandateId?: string; sourceId?: string; kind: 'approved' | 'paid' }): Promise<number> {
    const filter: FindOptionsWhere<LedgerEntryEntity> = { kind: where.kind };
    if (where.mandateId !== undefined) filter.mandateId = where.mandateId;
    if (where.sourceId !== undefined) filter.sourceId = where.sourceId;
    return (await em.getRepository(LedgerEntryEntity).sum('amountOre', filter)) ?? 0;
  }

  /** Inserts the bookings not already there (by key); returns how many rows it added. */
  async book(bookings: Booking[], em: EntityManager): Promise<number> {
    let added = 0;
    for (const b of bookings) {
      const result = await em
        .createQueryBuilder()
        .insert()
        .into(LedgerEntryEntity)
        .values({
          bookingKey: b.bookingKey,
          mandateId: b.mandateId,
          source: b.source,
          sourceId: b.sourceId,
          kind: b.kind,
          category: b.category,
          amountOre: b.amountOre,
          payerOrg: b.payerOrg,
          payeeOrg: b.payeeOrg,
          reference: b.reference,
          bookedBy: b.bookedBy,
        })
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      added += rowsWritten(result);
    }
    return added;
  }

  async entriesFor(sourceId: string, em: EntityManager): Promise<{ kind: string; category: string; amountOre: number }[]> {
    const entries = await em.getRepository(LedgerEntryEntity).find({
      select: { id: true, kind: true, category: true, amountOre: true },
      where: { sourceId },
      order: { id: 'ASC' },
    });
    return entries.map(({ kind, category, amountOre }) => ({ kind, category, amountOre }));
  }
}
