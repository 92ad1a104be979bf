import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared case runtime: every case says what it waits for (with a date), a task may be about another task (a
 * reminder or an escalation, closed with it), and a task asking for reference data names it, so a registration
 * through the API can wake the cases waiting for it.
 */
export class CaseRuntime1763906400000 implements MigrationInterface {
  name = 'CaseRuntime1763906400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN waiting_for jsonb`);
    await q.query(`ALTER TABLE tasks ADD COLUMN parent_task_id uuid`);
    await q.query(`ALTER TABLE tasks ADD COLUMN reference_key text`);
    await q.query(`CREATE INDEX tasks_open_reference_idx ON tasks (reference_key) WHERE status = 'open' AND reference_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_open_reference_idx`);
    await q.query(`ALTER TABLE tasks DROP COLUMN reference_key`);
    await q.query(`ALTER TABLE tasks DROP COLUMN parent_task_id`);
    await q.query(`ALTER TABLE cases DROP COLUMN waiting_for`);
  }
}
