import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A timeline event the system itself records (a deadline passed, a booking made) names no organisation: the
 * case runtime's SYSTEM actor has organisationCode null. Events of people keep theirs.
 */
export class CaseEventsSystemActor1763902800000 implements MigrationInterface {
  name = 'CaseEventsSystemActor1763902800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ALTER COLUMN organisation_code DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE case_events SET organisation_code = 'system' WHERE organisation_code IS NULL`);
    await q.query(`ALTER TABLE case_events ALTER COLUMN organisation_code SET NOT NULL`);
  }
}
