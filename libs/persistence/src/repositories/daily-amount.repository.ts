import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DailyAmount } from '../../../domain/src/discharge/payment-liability';

export interface RegisteredDailyAmount extends DailyAmount {
  registeredBy: string;
  registeredAt: Date;
}

const SELECT = `SELECT year, amount_ore::int AS "amountOre", registered_by AS "registeredBy", registered_at AS "registeredAt"
  FROM payment_liability_daily_amounts`;

@Injectable()
export class DailyAmountRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(years?: number[]): Promise<RegisteredDailyAmount[]> {
    return years
      ? this.dataSource.query(`${SELECT} WHERE year = ANY($1::int[]) ORDER BY year`, [years])
      : this.dataSource.query(`${SELECT} ORDER BY year`);
  }

  /** Registers a year once; the first registration stands (invoices were made from it). Returns what is stored. */
  async register(year: number, amountOre: number, registeredBy: string, em: EntityManager | DataSource = this.dataSource): Promise<RegisteredDailyAmount> {
    await em.query(
      `INSERT INTO payment_liability_daily_amounts (year, amount_ore, registered_by) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`,
      [year, amountOre, registeredBy],
    );
    const [row] = await em.query(`${SELECT} WHERE year = $1`, [year]);
    return row;
  }
}
