import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { DailyAmount } from '../../../domain/src/discharge/payment-liability';
import { DailyAmountEntity } from '../entities/daily-amount.entity';

export interface RegisteredDailyAmount extends DailyAmount {
  registeredBy: string;
  registeredAt: Date;
  correctedBy: string | null;
  correctedAt: Date | null;
}

@Injectable()
export class DailyAmountRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(years?: number[]): Promise<RegisteredDailyAmount[]> {
    return this.dataSource.getRepository(DailyAmountEntity).find({
      where: years ? { year: In(years) } : {},
      order: { year: 'ASC' },
    });
  }

  /** Registers a year once; the first registration stands (invoices were made from it). Returns what is stored. */
  async register(year: number, amountOre: number, registeredBy: string, em: EntityManager | DataSource = this.dataSource): Promise<RegisteredDailyAmount> {
    await em
      .createQueryBuilder()
      .insert()
      .into(DailyAmountEntity)
      .values({ year, amountOre, registeredBy })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return em.getRepository(DailyAmountEntity).findOneByOrFail({ year });
  }

  /**
   * Corrects a registered year's amount in `em`'s transaction, the row locked: what was stored before, or null when
   * the year is not registered.
   */
  async correct(year: number, amountOre: number, correctedBy: string, em: EntityManager): Promise<{ before: RegisteredDailyAmount; after: RegisteredDailyAmount } | null> {
    const repo = em.getRepository(DailyAmountEntity);
    const before = await repo.findOne({ where: { year }, lock: { mode: 'pessimistic_write' } });
    if (!before) return null;
    await repo.update({ year }, { amountOre, correctedBy, correctedAt: () => 'now()' });
    return { before, after: await repo.findOneByOrFail({ year }) };
  }
}
