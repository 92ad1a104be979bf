import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface LpikIndex {
  year: number;
  percentHundredths: number;
  registeredBy: string;
  registeredAt: Date;
}

const SELECT = `SELECT year, percent_hundredths AS "percentHundredths", registered_by AS "registeredBy", registered_at AS "registeredAt" FROM lpik_indices`;

/** LPIK excluding pharmaceuticals per year, registered once by HSF (the outcome published by SKR). */
@Injectable()
export class LpikRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<LpikIndex[]> {
    return this.dataSource.query(`${SELECT} ORDER BY year`);
  }

  async find(year: number, em: EntityManager | DataSource = this.dataSource): Promise<LpikIndex | null> {
    const [row] = await em.query(`${SELECT} WHERE year = $1`, [year]);
    return row ?? null;
  }

  /** Registers once; returns what is stored (the first registration stands). */
  async register(year: number, hundredths: number, by: string, em: EntityManager | DataSource = this.dataSource): Promise<LpikIndex> {
    await em.query(
      `INSERT INTO lpik_indices (year, percent_hundredths, registered_by) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`,
      [year, hundredths, by],
    );
    return (await this.find(year, em)) as LpikIndex;
  }
}
