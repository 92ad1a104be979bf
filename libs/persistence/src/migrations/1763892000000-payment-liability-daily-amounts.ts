import { MigrationInterface, QueryRunner } from 'typeorm';

/** Socialstyrelsen's daily amounts for payment liability (förordning 2017:617), in öre. Other years: registered by HSF. */
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
    await q.query(`
      INSERT INTO payment_liability_daily_amounts (year, amount_ore, registered_by) VALUES
        (2019, 780000, 'seed: Socialstyrelsen'), (2020, 820000, 'seed: Socialstyrelsen'), (2022, 930000, 'seed: Socialstyrelsen')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_liability_daily_amounts`);
  }
}
