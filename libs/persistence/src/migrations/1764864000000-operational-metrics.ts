import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, metrics: what GET /metrics reads on a scrape, each from an index rather than a scan of the table.
 *
 * - `tasks_open_org_kind_idx`: the open tasks by organisation and kind, and how many are past due. A partial index
 *   (open tasks only, the few the table holds beside the many done), so the GROUP BY reads it alone (index only).
 * - `tasks_escalation_idx`: every escalation task ever opened, by organisation and kind (the runtime names every
 *   escalation kind `….escalation` or `…_escalation`), whoever opened it: the API or a worker's timer.
 * - `audit_verifications`: each `npm run audit:verify` run's outcome, so the API can say whether the chain verifies.
 */
export class OperationalMetrics1764864000000 implements MigrationInterface {
  name = 'OperationalMetrics1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_open_org_kind_idx ON tasks (assigned_org, kind, due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_escalation_idx ON tasks (assigned_org, kind) WHERE kind LIKE '%escalation'`);
    await q.query(`
      CREATE TABLE audit_verifications (
        id bigserial PRIMARY KEY,
        finished_at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        rows_verified bigint NOT NULL,
        chains integer NOT NULL,
        broken_chains integer NOT NULL,
        duration_ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_verifications_finished_idx ON audit_verifications (finished_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_verifications`);
    await q.query(`DROP INDEX tasks_escalation_idx`);
    await q.query(`DROP INDEX tasks_open_org_kind_idx`);
  }
}
