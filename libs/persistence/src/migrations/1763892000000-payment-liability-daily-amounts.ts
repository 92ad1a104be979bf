import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Socialstyrelsen's daily amounts for payment liability (förordning 2017:617), in öre, one row a year. The known
 * years come from seed/reference-data.ts; other years are registered by HSF.
 */
export class PaymentLiabilityDailyAmounts1763892000000 implements MigrationInterface {
  name = 'PaymentLiabilityDailyAmounts1763892000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_liability_daily_amounts (
        year integer PRIMARY KEY CHECK (year BETWEEN 2018 AND 2100),
        amount_ore bigint NOT NULL CHECK (amount_ore > 0),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_liability_daily_amounts`);
  }
}
