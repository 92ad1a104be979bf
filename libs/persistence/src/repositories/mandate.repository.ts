import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MandateRef } from '../../../contracts/src/reimbursement-claim.contract';
import { ClaimLineEntity } from '../entities/claim-line.entity';
import { ClaimEntity } from '../entities/claim.entity';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import { MandateEntity } from '../entities/mandate.entity';
import { rowsWritten } from '../write-result';

export interface Mandate extends MandateRef {
  title: string;
  decidedOn: string;
}

export interface CategoryFigures {
  category: string;
  claimedOre: number;
  approvedOre: number;
  paidOre: number;
  outstandingOre: number;
}

/** Claims that count as claimed: submitted ones, whatever became of them, but not drafts or withdrawn ones. */
const NOT_CLAIMED = ['draft', 'withdrawn'];

@Injectable()
export class MandateRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<Mandate[]> {
    return this.dataSource.getRepository(MandateEntity).find({ order: { decidedOn: 'DESC', reference: 'ASC' } });
  }

  find(id: string): Promise<Mandate | null> {
    return this.dataSource.getRepository(MandateEntity).findOneBy({ id });
  }

  findByReference(reference: string): Promise<Mandate | null> {
    return this.dataSource.getRepository(MandateEntity).findOneBy({ reference });
  }

  /** Inserts; returns null when the reference is taken. */
  async insert(m: Omit<Mandate, 'id'>, em: EntityManager): Promise<Mandate | null> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(MandateEntity)
      .values({
        reference: m.reference,
        title: m.title,
        decidedOn: m.decidedOn,
        validFrom: m.validFrom,
        validTo: m.validTo,
        payerOrg: m.payerOrg,
        payeeOrg: m.payeeOrg,
        ceilingOre: m.ceilingOre,
      })
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    if (rowsWritten(result) === 0) return null;
    return em.getRepository(MandateEntity).findOneByOrFail({ reference: m.reference });
  }

  /**
   * Claimed (submitted claims' current lines, withdrawn and drafts aside), approved and paid (the ledger), and
   * outstanding (approved, not yet paid), per category, by category. Money in öre.
   */
  async figures(mandateId: string): Promise<CategoryFigures[]> {
    // One snapshot for both reads, so claimed and booked figures agree.
    const [lines, entries] = await this.dataSource.transaction('REPEATABLE READ', async (em) => [
      await em
        .getRepository(ClaimLineEntity)
        .createQueryBuilder('l')
        .innerJoin(ClaimEntity, 'c', 'c.id = l.claimId')
        .where('c.mandateId = :mandateId', { mandateId })
        .andWhere('c.status NOT IN (:...notClaimed)', { notClaimed: NOT_CLAIMED })
        .getMany(),
      await em.getRepository(LedgerEntryEntity).find({
        select: { id: true, kind: true, category: true, amountOre: true },
        where: { mandateId },
      }),
    ] as const);
    const byCategory = new Map<string, CategoryFigures>();
    const figuresOf = (category: string) => {
      let f = byCategory.get(category);
      if (!f) byCategory.set(category, (f = { category, claimedOre: 0, approvedOre: 0, paidOre: 0, outstandingOre: 0 }));
      return f;
    };
    for (const l of lines) figuresOf(l.category).claimedOre += l.amountOre;
    for (const e of entries) {
      const f = figuresOf(e.category);
      if (e.kind === 'approved') f.approvedOre += e.amountOre;
      else f.paidOre += e.amountOre;
    }
    return [...byCategory.values()]
      .map((f) => ({ ...f, outstandingOre: f.approvedOre - f.paidOre }))
      .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  }
}
