import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which run of a case's workflow wrote its projection (the first run id of a continue-as-new chain). A step of the
 * same chain at a version already written is a retry; one of another chain (a workflow restarted or reset) is a
 * clash that must not pass for a retry.
 */
export class CaseRunChain1763910000000 implements MigrationInterface {
  name = 'CaseRunChain1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN run_chain text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN run_chain`);
  }
}
