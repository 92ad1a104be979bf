import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CASE_DATA_FAULT_TASK_KIND } from '../../../contracts/src/case-runtime.contract';
import { CURSORS, decodeCursor, encodeCursor, Page } from '../pagination';

export { reasonCode } from '../../../contracts/src/workflow-problems.contract';

/**
 * Stuck and failing cases for operators (GET /operations/cases), all from PostgreSQL, so a page costs a few index
 * reads however many cases are open (never a scan of Temporal):
 *
 * - `failing_activity` / `failing_workflow_task`: rows the worker writes in `workflow_problems` when an activity (or
 *   the workflow task) of a case fails again and again, and deletes when it succeeds. A row of a case whose
 *   projection says it has ended is not listed, nor one no failure has renewed for the grace: retries come at least
 *   every few minutes, so its workflow ended or was terminated or reset meanwhile.
 * - `stalled`: an open case with an open task whose deadline passed more than the grace ago while its projection
 *   has not changed since. Every step of a case writes its projection, and a deadline that escalates is a step of
 *   its own, so such a case has not moved when it should have. An operator's own data-fault task
 *   (`case_data_fault`) is left out: the operator's inbox has it already (/tasks?kind=case_data_fault).
 */
export const CASE_PROBLEMS = ['failing_activity', 'failing_workflow_task', 'stalled'] as const;
export type CaseProblem = (typeof CASE_PROBLEMS)[number];

export interface CaseProblemRow {
  /** The row's own id: the problem row's, or for a stalled case the overdue task's. */
  id: string;
  problem: CaseProblem;
  caseId: string | null;
  caseType: string | null;
  workflowId: string;
  /** ISO instant: the failing activity's first attempt, the first failed workflow task, the overdue task's deadline. */
  since: string;
  attempts: number | null;
  activityType: string | null;
  /** A short code without personal data: the error's type (and SQLSTATE), or `task_overdue:<kind>`. */
  reason: string;
}

/** A failure the worker saw, as it records it: codes only, no message. */
export interface WorkflowFailure {
  problem: 'failing_activity' | 'failing_workflow_task';
  workflowId: string;
  workflowType: string;
  /** '' for a workflow task. */
  activityType: string;
  caseId: string | null;
  caseType: string | null;
  attempts: number;
  since: Date;
  reason: string;
}

/**
 * $1 the problem (null: all), $2 now less the grace (a deadline before it counts as stalled; a failure recorded before
 * it is no longer current). `since` to the millisecond, as a
 * cursor holds it (Date#toISOString), so a page's keyset comparison never finds its own last row again.
 */
const PROBLEMS = `
  SELECT p.id::text AS id, p.problem, coalesce(c.id, p.case_id)::text AS "caseId", coalesce(c.case_type, p.case_type) AS "caseType",
    p.workflow_id AS "workflowId", date_trunc('milliseconds', p.since) AS since, p.attempts, nullif(p.activity_type, '') AS "activityType", p.reason
  FROM workflow_problems p LEFT JOIN cases c ON c.workflow_id = p.workflow_id
  WHERE c.closed_at IS NULL AND p.updated_at > $2 AND ($1::text IS NULL OR p.problem = $1::text)
  UNION ALL
  SELECT s.id, 'stalled', s."caseId", s."caseType", s."workflowId", s.since, NULL, NULL, s.reason FROM (
    SELECT DISTINCT ON (c.id) t.id::text AS id, c.id::text AS "caseId", c.case_type AS "caseType", c.workflow_id AS "workflowId",
      date_trunc('milliseconds', t.due_at) AS since, 'task_overdue:' || t.kind AS reason
    FROM tasks t JOIN cases c ON c.id = t.case_id
    WHERE t.status = 'open' AND t.due_at < $2 AND t.kind <> '${CASE_DATA_FAULT_TASK_KIND}' AND c.closed_at IS NULL AND c.updated_at < t.due_at
    ORDER BY c.id, t.due_at, t.id
  ) s
  WHERE $1::text IS NULL OR $1::text = 'stalled'`;

@Injectable()
export class CaseProblemsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records (or brings up to date) a failure; one row per workflow, problem and activity type. */
  async recordFailure(f: WorkflowFailure): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO workflow_problems (id, problem, workflow_id, workflow_type, activity_type, case_id, case_type, attempts, since, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (workflow_id, problem, activity_type) DO UPDATE SET attempts = EXCLUDED.attempts, since = EXCLUDED.since,
         reason = EXCLUDED.reason, workflow_type = EXCLUDED.workflow_type, case_id = coalesce(EXCLUDED.case_id, workflow_problems.case_id),
         case_type = coalesce(EXCLUDED.case_type, workflow_problems.case_type), updated_at = now()`,
      [randomUUID(), f.problem, f.workflowId, f.workflowType, f.activityType, f.caseId, f.caseType, f.attempts, f.since, f.reason],
    );
  }

  /** The activity (or workflow task) succeeded: it is no longer a problem. */
  async clearFailure(problem: WorkflowFailure['problem'], workflowId: string, activityType = ''): Promise<void> {
    await this.dataSource.query(`DELETE FROM workflow_problems WHERE workflow_id = $1 AND problem = $2 AND activity_type = $3`, [workflowId, problem, activityType]);
  }

  /** A page of problems, oldest first (by `since`, then id). */
  async list(q: { problem?: CaseProblem; now: Date; stalledGraceMs: number; limit: number; cursor?: string }): Promise<Page<CaseProblemRow>> {
    const after = q.cursor ? decodeCursor(CURSORS.operationsCases, q.cursor) : null;
    const rows: (Omit<CaseProblemRow, 'since'> & { since: Date })[] = await this.dataSource.query(
      `SELECT * FROM (${PROBLEMS}) x WHERE $3::timestamptz IS NULL OR (x.since, x.id::uuid) > ($3::timestamptz, $4::uuid)
       ORDER BY x.since, x.id::uuid LIMIT $5`,
      [q.problem ?? null, new Date(q.now.getTime() - q.stalledGraceMs), after?.sortKey ?? null, after?.id ?? null, q.limit + 1],
    );
    const items = rows.slice(0, q.limit).map((r) => ({ ...r, since: r.since.toISOString() }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(CURSORS.operationsCases, { sortKey: last.since, id: last.id }) : null };
  }

  /** How many cases have each problem now (for a gauge); every problem is named, zero when there is none. */
  async countByProblem(q: { now: Date; stalledGraceMs: number }): Promise<Record<CaseProblem, number>> {
    const rows: { problem: CaseProblem; n: number }[] = await this.dataSource.query(
      `SELECT problem, count(DISTINCT "workflowId")::int AS n FROM (${PROBLEMS}) x GROUP BY problem`,
      [null, new Date(q.now.getTime() - q.stalledGraceMs)],
    );
    return Object.fromEntries(CASE_PROBLEMS.map((p) => [p, rows.find((r) => r.problem === p)?.n ?? 0])) as Record<CaseProblem, number>;
  }
}
