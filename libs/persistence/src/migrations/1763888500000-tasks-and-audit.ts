import { MigrationInterface, QueryRunner } from 'typeorm';

export class TasksAndAudit1763888500000 implements MigrationInterface {
  name = 'TasksAndAudit1763888500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        case_type text NOT NULL,
        workflow_id text NOT NULL,
        kind text NOT NULL,
        assigned_org text NOT NULL REFERENCES organisations (code),
        required_role text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'cancelled')),
        due_at timestamptz NOT NULL,
        input jsonb NOT NULL,
        answer_schema jsonb NOT NULL,
        claimed_by text,
        claimed_at timestamptz,
        decision jsonb,
        result jsonb,
        completed_by text,
        completed_at timestamptz,
        completion_request_hash text,
        cancelled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The inbox: one organisation's tasks by status, due first, with a stable tie-break.
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (assigned_org, status, due_at, id)`);
    await q.query(`CREATE INDEX tasks_case_idx ON tasks (case_id, status)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        organisation_code text,
        action text NOT NULL,
        case_id uuid,
        task_id uuid,
        request_id text,
        outcome text NOT NULL,
        detail jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_log_case_idx ON audit_log (case_id, id)`);
    // Append-only in the database too: the application has no update or delete path, and neither has anyone else
    // short of a superuser disabling this trigger (which audit:verify would then expose through the hash chain).
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE tasks`);
  }
}
