import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import type { NewTask } from '../../../contracts/src/human-task.contract';
import { jsonb } from '../entities/jsonb';
import { TaskEntity, TaskStatus } from '../entities/task.entity';
import { CURSORS, decodeCursor, encodeCursor, Page } from '../pagination';

export type { TaskStatus } from '../entities/task.entity';

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

/** A new task: its case, its assignment, what it shows and the answer it expects. */
export type NewTaskRow = NewTask & { parentTaskId?: string; referenceKey?: string };

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

/**
 * A task's input names the case's patient as `patient: null`: the patient is stored only sealed with its case.
 * Workflows of cases started before issue 13 still put the patient in plain there; it is never stored.
 */
export function withoutPlainPatient(input: Record<string, unknown>): Record<string, unknown> {
  return input && typeof input === 'object' && 'patient' in input && input.patient !== null ? { ...input, patient: null } : input;
}

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: a retried activity finds its task already there. */
  async create(task: NewTaskRow, em: EntityManager = this.dataSource.manager): Promise<void> {
    await this.createMany([task], em);
  }

  /** Several tasks in one statement; each is idempotent on its id. */
  async createMany(tasks: NewTaskRow[], em: EntityManager = this.dataSource.manager): Promise<void> {
    if (tasks.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(TaskEntity)
      .values(
        tasks.map((task) => ({
          id: task.taskId,
          caseId: task.caseId,
          caseType: task.caseType,
          workflowId: task.workflowId,
          kind: task.kind,
          assignedOrg: task.assignedOrg,
          requiredRole: task.requiredRole,
          dueAt: new Date(task.dueAt),
          input: jsonb(withoutPlainPatient(task.input)),
          answerSchema: jsonb(task.answerSchema),
          parentTaskId: task.parentTaskId ?? null,
          referenceKey: task.referenceKey ?? null,
        })),
      )
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  find(id: string, em: EntityManager | DataSource = this.dataSource): Promise<TaskRow | null> {
    return em.getRepository(TaskEntity).findOneBy({ id });
  }

  /** Row-locked read inside a transaction, for claim/unclaim. */
  findForUpdate(id: string, em: EntityManager): Promise<TaskRow | null> {
    return em.getRepository(TaskEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setClaim(id: string, personId: string | null, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ claimedBy: personId, claimedAt: personId === null ? null : () => 'now()' })
      .where({ id })
      .execute();
  }

  /** Closes an open task as completed; false when it was not open (already completed or cancelled). */
  async markCompleted(
    id: string,
    c: { decision: Record<string, unknown>; result: Record<string, unknown>; completedBy: string; requestHash: string },
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(TaskEntity)
      .set({
        status: 'completed',
        decision: jsonb(c.decision),
        result: jsonb(c.result),
        completedBy: c.completedBy,
        completedAt: () => 'now()',
        completionRequestHash: c.requestHash,
      })
      .where({ id, status: 'open' })
      .execute();
    return result.affected === 1;
  }

  /** Cancels a case's open tasks (all, or the listed ones); returns the ids it cancelled. */
  async cancelOpen(caseId: string, reason: string, em: EntityManager, taskIds?: string[]): Promise<string[]> {
    // Lock the open ones first: a completion racing with this either went first (the task is no longer open
    // here) or waits and then finds the task cancelled.
    const open = await em.getRepository(TaskEntity).find({
      select: { id: true },
      where: { caseId, status: 'open', ...(taskIds ? { id: In(taskIds) } : {}) },
      order: { dueAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const ids = open.map((t) => t.id);
    if (ids.length === 0) return [];
    await em
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'cancelled', cancelledReason: reason })
      .where({ id: In(ids), status: 'open' })
      .execute();
    return ids;
  }

  /** The workflows of cases with an open task asking for reference data `referenceKey` (e.g. `lpik:2022`). */
  async workflowsAwaiting(referenceKey: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await em.getRepository(TaskEntity).find({ select: { workflowId: true }, where: { referenceKey, status: 'open' } });
    return [...new Set(rows.map((r) => r.workflowId))];
  }

  openForCase(caseId: string): Promise<TaskRow[]> {
    return this.dataSource.getRepository(TaskEntity).find({ where: { caseId, status: 'open' }, order: { dueAt: 'ASC', id: 'ASC' } });
  }

  /**
   * One inbox page: the organisation's tasks of a status for the person's roles, due first, id as tie-break,
   * one row more than the page to tell whether another follows. The predicates and order match
   * tasks_inbox_idx (assigned_org, status, due_at, id), so a page is one index range scan whatever its depth.
   */
  private inboxBuilder(f: InboxFilter): SelectQueryBuilder<TaskEntity> {
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.assignedOrg = :organisationCode', { organisationCode: f.organisationCode })
      .andWhere('t.status = :status', { status: f.status })
      .andWhere('t.requiredRole = ANY(:roles::text[])', { roles: f.roles });
    if (f.kind) qb.andWhere('t.kind = :kind', { kind: f.kind });
    if (f.caseId) qb.andWhere('t.caseId = :caseId::uuid', { caseId: f.caseId });
    if (f.overdue === true) qb.andWhere('t.dueAt < now()');
    if (f.overdue === false) qb.andWhere('t.dueAt >= now()');
    if (f.cursor) {
      const c = decodeCursor(CURSORS.tasks, f.cursor);
      qb.andWhere('(t.dueAt, t.id) > (:cursorDueAt::timestamptz, :cursorId::uuid)', { cursorDueAt: c.sortKey, cursorId: c.id });
    }
    return qb.orderBy('t.dueAt', 'ASC').addOrderBy('t.id', 'ASC').limit(f.limit + 1);
  }

  /**
   * The open tasks of an organisation for a person's roles, how many are past due, and when the newest was
   * created: one COUNT on tasks_inbox_idx's (assigned_org, status) range, cheap enough to poll every few seconds.
   */
  async openCount(organisationCode: string, roles: string[]): Promise<{ open: number; overdue: number; newestCreatedAt: Date | null }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue, max(created_at) AS newest
         FROM tasks WHERE assigned_org = $1 AND status = 'open' AND required_role = ANY($2::text[])`,
      [organisationCode, roles],
    )) as { open: number; overdue: number; newest: Date | null }[];
    return { open: row.open, overdue: row.overdue, newestCreatedAt: row.newest };
  }

  /** The inbox page's SQL, shared with the benchmark so it measures and EXPLAINs exactly this. */
  inboxQuery(f: InboxFilter): { sql: string; params: unknown[] } {
    const [sql, params] = this.inboxBuilder(f).getQueryAndParameters();
    return { sql, params };
  }

  /**
   * One organisation's inbox page: due first, id as tie-break, keyset-paginated so a page is one index range
   * scan on tasks_inbox_idx whatever the page number.
   */
  async inbox(f: InboxFilter): Promise<Page<TaskRow>> {
    const rows = await this.inboxBuilder(f).getMany();
    const items = rows.slice(0, f.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > f.limit && last ? encodeCursor(CURSORS.tasks, { sortKey: last.dueAt.toISOString(), id: last.id }) : null,
    };
  }
}
