import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, stuck and failing cases for operators (GET /operations/cases). `workflow_problems` holds what the worker
 * saw failing again and again: an activity (one row per workflow and activity type), written by the worker's activity
 * interceptor once an attempt at or past OPERATIONS_ACTIVITY_FAILURE_ATTEMPTS fails and deleted when that activity
 * succeeds. No free error text: the error's type (and SQLSTATE) only. The partial index on tasks finds open tasks past
 * their deadline without reading every inbox (stalled cases).
 */
export class CaseProblems1764777600000 implements MigrationInterface {
  name = 'CaseProblems1764777600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_problems (
        id uuid PRIMARY KEY,
        problem text NOT NULL CHECK (problem IN ('failing_activity', 'failing_workflow_task')),
        workflow_id text NOT NULL,
        workflow_type text NOT NULL,
        -- '' for a workflow task
        activity_type text NOT NULL DEFAULT '',
        case_id uuid,
        case_type text,
        attempts integer NOT NULL CHECK (attempts >= 1),
        since timestamptz NOT NULL,
        reason text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_problems_one_per_activity UNIQUE (workflow_id, problem, activity_type)
      )`);
    await q.query(`CREATE INDEX workflow_problems_since_idx ON workflow_problems (since, id)`);
    await q.query(`CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_open_due_idx`);
    await q.query(`DROP TABLE workflow_problems`);
  }
}
