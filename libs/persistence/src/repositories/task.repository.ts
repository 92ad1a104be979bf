import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NewTask } from '../../../contracts/src/human-task.contract';
import { decodeCursor, encodeCursor, Page } from '../pagination';
import { returningRows } from '../sql';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface TaskRow {
  id: string;
  caseId: string;
  caseType: string;
  workflowId: string;
  kind: string;
  assignedOrg: string;
  requiredRole: string;
  status: TaskStatus;
  dueAt: Date;
  input: Record<string, unknown>;
  answerSchema: Record<string, unknown>;
  claimedBy: string | null;
  claimedAt: Date | null;
  decision: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  completedBy: string | null;
  completedAt: Date | null;
  completionRequestHash: string | null;
  cancelledReason: string | null;
  createdAt: Date;
}

const SELECT = `SELECT id, case_id AS "caseId", case_type AS "caseType", workflow_id AS "workflowId", kind,
  assigned_org AS "assignedOrg", required_role AS "requiredRole", status, due_at AS "dueAt", input,
  answer_schema AS "answerSchema", claimed_by AS "claimedBy", claimed_at AS "claimedAt", decision, result,
  completed_by AS "completedBy", completed_at AS "completedAt", completion_request_hash AS "completionRequestHash",
  cancelled_reason AS "cancelledReason", created_at AS "createdAt" FROM tasks`;

export interface InboxFilter {
  organisationCode: string;
  roles: string[];
  status: TaskStatus;
  kind?: string;
  caseId?: string;
  /** true: only past due; false: only not yet due. */
  overdue?: boolean;
  limit: number;
  cursor?: string;
}

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: a retried activity finds its task already there. */
  async create(task: NewTask): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, due_at, input, answer_schema)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [task.taskId, task.caseId, task.caseType, task.workflowId, task.kind, task.assignedOrg, task.requiredRole,
        task.dueAt, task.input, task.answerSchema],
    );
  }

  async find(id: string, em: EntityManager | DataSource = this.dataSource): Promise<TaskRow | null> {
    const [row] = await em.query(`${SELECT} WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Row-locked read inside a transaction, for claim/unclaim. */
  async findForUpdate(id: string, em: EntityManager): Promise<TaskRow | null> {
    const [row] = await em.query(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async setClaim(id: string, personId: string | null, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE tasks SET claimed_by = $2, claimed_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, updated_at = now() WHERE id = $1`,
      [id, personId],
    );
  }

  /** Closes an open task as completed; false when it was not open (already completed or cancelled). */
  async markCompleted(
    id: string,
    c: { decision: unknown; result: unknown; completedBy: string; requestHash: string },
    em: EntityManager,
  ): Promise<boolean> {
    const rows = await returningRows(
      em,
      `UPDATE tasks SET status = 'completed', decision = $2, result = $3, completed_by = $4, completed_at = now(),
         completion_request_hash = $5, updated_at = now()
       WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, c.decision, c.result, c.completedBy, c.requestHash],
    );
    return rows.length === 1;
  }

  /** Cancels a case's open tasks (all, or the listed ones); returns the ids it cancelled. */
  async cancelOpen(caseId: string, reason: string, em: EntityManager, taskIds?: string[]): Promise<string[]> {
    const rows = await returningRows<{ id: string }>(
      em,
      `UPDATE tasks SET status = 'cancelled', cancelled_reason = $2, updated_at = now()
       WHERE case_id = $1 AND status = 'open' AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[])) RETURNING id`,
      [caseId, reason, taskIds ?? null],
    );
    return rows.map((r) => r.id);
  }

  openForCase(caseId: string): Promise<TaskRow[]> {
    return this.dataSource.query(`${SELECT} WHERE case_id = $1 AND status = 'open' ORDER BY due_at, id`, [caseId]);
  }

  /** The inbox page's SQL, shared with the benchmark so it measures and EXPLAINs exactly this. */
  inboxQuery(f: InboxFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [f.organisationCode, f.status, f.roles];
    const where = ['assigned_org = $1', 'status = $2', 'required_role = ANY($3::text[])'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.kind) add('kind = ?', f.kind);
    if (f.caseId) add('case_id = ?::uuid', f.caseId);
    if (f.overdue === true) where.push('due_at < now()');
    if (f.overdue === false) where.push('due_at >= now()');
    if (f.cursor) {
      const c = decodeCursor(f.cursor);
      params.push(c.sortKey, c.id);
      where.push(`(due_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit + 1);
    return { sql: `${SELECT} WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT $${params.length}`, params };
  }

  /**
   * One organisation's inbox page: due first, id as tie-break, keyset-paginated so a page is one index range
   * scan on tasks_inbox_idx whatever the page number.
   */
  async inbox(f: InboxFilter): Promise<Page<TaskRow>> {
    const { sql, params } = this.inboxQuery(f);
    const rows: TaskRow[] = await this.dataSource.query(sql, params);
    const items = rows.slice(0, f.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > f.limit && last ? encodeCursor({ sortKey: last.dueAt.toISOString(), id: last.id }) : null,
    };
  }
}
