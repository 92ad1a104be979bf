import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { DailyAmount } from '../../../domain/src/discharge/payment-liability';
import { DailyAmountEntity } from '../entities/daily-amount.entity';

export interface RegisteredDailyAmount extends DailyAmount {
  registeredBy: string;
  registeredAt: Date;
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
}
