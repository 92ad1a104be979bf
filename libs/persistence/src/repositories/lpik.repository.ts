import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LpikIndexEntity } from '../entities/lpik-index.entity';

export interface LpikIndex {
  year: number;
  percentHundredths: number;
  registeredBy: string;
  registeredAt: Date;
  correctedBy: string | null;
  correctedAt: Date | null;
}

/** LPIK excluding pharmaceuticals per year, registered once by HSF (SKR's outcome, or forecast: AGREEMENT_LPIK_BASIS). */
@Injectable()
export class LpikRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<LpikIndex[]> {
    return this.dataSource.getRepository(LpikIndexEntity).find({ order: { year: 'ASC' } });
  }

  find(year: number, em: EntityManager | DataSource = this.dataSource): Promise<LpikIndex | null> {
    return em.getRepository(LpikIndexEntity).findOneBy({ year });
  }

  /** Registers once; returns what is stored (the first registration stands). */
  async register(year: number, hundredths: number, by: string, em: EntityManager | DataSource = this.dataSource): Promise<LpikIndex> {
    await em
      .createQueryBuilder()
      .insert()
      .into(LpikIndexEntity)
      .values({ year, percentHundredths: hundredths, registeredBy: by })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return em.getRepository(LpikIndexEntity).findOneByOrFail({ year });
  }

  /** Corrects a registered year in `em`'s transaction, the row locked: what was stored before, or null when unregistered. */
  async correct(year: number, hundredths: number, correctedBy: string, em: EntityManager): Promise<{ before: LpikIndex; after: LpikIndex } | null> {
    const repo = em.getRepository(LpikIndexEntity);
    const before = await repo.findOne({ where: { year }, lock: { mode: 'pessimistic_write' } });
    if (!before) return null;
    await repo.update({ year }, { percentHundredths: hundredths, correctedBy, correctedAt: () => 'now()' });
    return { before, after: await repo.findOneByOrFail({ year }) };
  }
}
