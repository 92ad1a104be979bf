import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { actorOf, Principal } from '../../../../libs/auth/src/principal';
import { completeTaskUpdate } from '../../../../libs/contracts/src/human-task.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { hashRequest } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { PatientDataService } from '../../../../libs/persistence/src/patient-data/patient-data.service';
import { TaskRepository, TaskRow } from '../../../../libs/persistence/src/repositories/task.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import { WorkerPresence } from '../../../../libs/temporal/src/worker-presence';
import { AccessService } from '../access/access.service';
import { CaseClosure } from '../access/case-closure';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';
import { CompleteTaskDto, ListTasksQueryDto } from './task.dto';

/** Inbox lists carry no personal data: that is on the task itself, whose reads are audited. */
export const taskSummary = (t: TaskRow, now = Date.now()) => ({
  id: t.id,
  caseId: t.caseId,
  caseType: t.caseType,
  kind: t.kind,
  status: t.status,
  assignedOrg: t.assignedOrg,
  requiredRole: t.requiredRole,
  dueAt: t.dueAt,
  overdue: t.status === 'open' && t.dueAt.getTime() < now,
  claimedBy: t.claimedBy,
  createdAt: t.createdAt,
});

const taskDetail = (t: TaskRow) => ({
  ...taskSummary(t),
  input: t.input,
  answerSchema: t.answerSchema,
  decision: t.decision,
  result: t.result,
  completedBy: t.completedBy,
  completedAt: t.completedAt,
  cancelledReason: t.cancelledReason,
});

@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly closure: CaseClosure,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRepository,
    private readonly temporal: TemporalClientHolder,
    private readonly patientData: PatientDataService,
    private readonly workers: WorkerPresence,
  ) {}

  /**
   * A task's input names the case's patient as `patient: null` (the patient is stored only sealed with the case):
   * filled in here for the person who may read the task; null once the patient's data is erased.
   */
  private async withPatient(t: TaskRow) {
    const detail = taskDetail(t);
    if (!t.input || !('patient' in t.input)) return detail;
    const found = await this.dataSource.query(`SELECT id, subject_sealed AS "subjectSealed" FROM cases WHERE id = $1`, [t.caseId]);
    const subject = found[0] ? await this.patientData.subjectOf(found[0]) : null;
    return { ...detail, input: { ...t.input, patient: subject } };
  }

  async inbox(p: Principal, q: ListTasksQueryDto) {
    const page = await this.tasks.inbox({
      organisationCode: p.organisationCode,
      roles: p.roles,
      status: q.status ?? 'open',
      kind: q.kind,
      caseId: q.caseId,
      overdue: q.overdue,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      cursor: q.cursor,
    });
    const now = Date.now();
    return { items: page.items.map((t) => taskSummary(t, now)), nextCursor: page.nextCursor };
  }

  /** The header's count: polled by the app every few seconds, so one indexed COUNT and nothing else. */
  async count(p: Principal) {
    return this.tasks.openCount(p.organisationCode, p.roles);
  }

  async get(ctx: RequestContext, id: string) {
    let task = await this.access.requireTask(ctx, id);
    // A task whose case's workflow was terminated is closed on this read, not left in the inbox.
    if (task.status === 'open' && (await this.closure.closeIfEnded(task.caseId, task.workflowId))) task = await this.access.requireTask(ctx, id);
    return this.withPatient(task);
  }

  claim(ctx: RequestContext, id: string) {
    return this.changeClaim(ctx, id, 'task.claim', (task) => {
      if (task.claimedBy && task.claimedBy !== ctx.principal.personId) {
        throw new DomainError(DomainErrorCode.Conflict, 'the task is claimed by someone else', { claimedBy: task.claimedBy });
      }
      return ctx.principal.personId;
    });
  }

  unclaim(ctx: RequestContext, id: string) {
    return this.changeClaim(ctx, id, 'task.unclaim', (task) => {
      // The claimer lets go; a coordinator may free a task someone left claimed.
      if (task.claimedBy && task.claimedBy !== ctx.principal.personId && !ctx.principal.roles.includes('coordinator')) {
        throw new DomainError(DomainErrorCode.Conflict, 'only the person who claimed the task (or a coordinator) can release it');
      }
      return null;
    });
  }

  /**
   * Delivers the decision to the case's workflow as an update. The workflow validates it (refusing changes
   * nothing), applies it and closes the task with its audit row in one step; only then does this answer.
   * Each person's answer is their own: the update id and the repeat check include who sends it, so two people's
   * identical answers are never merged, and every attempt has its own audit row.
   */
  async complete(ctx: RequestContext, id: string, dto: CompleteTaskDto) {
    const task = await this.access.requireTask(ctx, id);
    const me = ctx.principal.personId;
    const requestHash = hashRequest(dto.decision);
    if (task.status === 'completed') {
      if (task.completionRequestHash === requestHash && task.completedBy === me) {
        ctx.audit.outcome = 'replayed';
        return { task: await this.withPatient(task), outcome: task.result, replayed: true };
      }
      throw new DomainError(DomainErrorCode.Conflict, task.completedBy === me ? 'you already completed the task with another decision' : 'the task is already completed by someone else', {
        completedBy: task.completedBy,
      });
    }
    if (task.status === 'cancelled') throw new DomainError(DomainErrorCode.Conflict, 'the task was cancelled');
    if (task.claimedBy && task.claimedBy !== me) {
      throw new DomainError(DomainErrorCode.Conflict, 'the task is claimed by someone else', { claimedBy: task.claimedBy });
    }
    // No worker polling: 503 at once; otherwise the update waits at most TEMPORAL_STEP_TIMEOUT, then 503 too.
    await this.workers.requirePolling();
    try {
      const result = await this.temporal.watchingForMissingKey(task.workflowId, `task ${id}`, () =>
        this.temporal.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
          args: [{ taskId: id, decision: dto.decision, by: actorOf(ctx.principal), requestId: ctx.requestId, requestHash }],
          // The same person's same answer again is the same update: Temporal answers it with the first result.
          updateId: completionUpdateId(id, me, requestHash),
        }),
      );
      // The step wrote this request's audit row; an answer for an earlier delivery of the update gets a row of its own.
      const replayed = result.auditedRequestId !== undefined && result.auditedRequestId !== ctx.requestId;
      if (replayed) ctx.audit.outcome = 'replayed';
      else ctx.audit.recorded = true;
      const closed = await this.tasks.find(id);
      return { task: closed ? await this.withPatient(closed) : null, outcome: result.outcome, replayed };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        await this.closure.closeIfEnded(task.caseId, task.workflowId);
        throw new DomainError(DomainErrorCode.Conflict, 'the case is closed');
      }
      throw toDomainError(err, `task ${id}`);
    }
  }

  private changeClaim(ctx: RequestContext, id: string, action: string, claimant: (t: TaskRow) => string | null) {
    return this.dataSource.transaction(async (em) => {
      const task = await this.tasks.findForUpdate(id, em);
      if (!this.access.mayWorkOn(ctx.principal, task)) throw new DomainError(DomainErrorCode.NotFound, `task ${id} not found`);
      this.access.noteTask(ctx, task);
      if (task.status !== 'open') throw new DomainError(DomainErrorCode.Conflict, `the task is ${task.status}`);
      const claimedBy = claimant(task);
      await this.tasks.setClaim(id, claimedBy, em);
      await auditInTransaction(this.audit, em, ctx, action, null, { caseId: task.caseId, taskId: task.id });
      return taskDetail({ ...task, claimedBy, claimedAt: claimedBy ? new Date() : null });
    });
  }
}

/** One update per person, task and answer: another person's identical answer is another update. */
export const completionUpdateId = (taskId: string, personId: string, requestHash: string) =>
  `task-${taskId}-${hashRequest({ personId, requestHash }).slice(0, 32)}`;
