import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data registered once (daily amounts, LPIK) can be corrected by its owner: the row keeps who corrected
 * it and when (the audit trail keeps the old and the new value and the reason). An organisation's admin reads the
 * audit rows its people wrote: an index for that scope.
 */
export class ReferenceCorrections1763913600000 implements MigrationInterface {
  name = 'ReferenceCorrections1763913600000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['payment_liability_daily_amounts', 'lpik_indices']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN corrected_by text, ADD COLUMN corrected_at timestamptz`);
    }
    await q.query(`CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_code, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_organisation_idx`);
    for (const table of ['payment_liability_daily_amounts', 'lpik_indices']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN corrected_by, DROP COLUMN corrected_at`);
    }
  }
}
