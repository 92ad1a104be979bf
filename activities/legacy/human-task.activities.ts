import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HumanTaskActivities, NewTask, TaskCompletion } from '../../libs/contracts/src/human-task.contract';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { TaskRepository } from '../../libs/persistence/src/repositories/task.repository';

/** Human tasks in PostgreSQL; each state change and its audit row share one transaction. */
@Injectable()
export class HumanTaskActivitiesService implements HumanTaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRepository,
  ) {}

  async createTask(task: NewTask): Promise<void> {
    await this.tasks.create(task);
  }

  async completeTask(c: TaskCompletion & { caseId: string; kind: string; outcome: Record<string, unknown> }): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const closed = await this.tasks.markCompleted(
        c.taskId,
        { decision: c.decision, result: c.outcome, completedBy: c.by.actor, requestHash: c.requestHash },
        em,
      );
      // A retried activity finds the task already closed: its audit row was written with it.
      if (!closed) return;
      await this.audit.append(
        {
          actor: c.by.actor,
          organisationCode: c.by.organisationCode,
          action: 'task.complete',
          caseId: c.caseId,
          taskId: c.taskId,
          requestId: c.requestId,
          outcome: 'success',
          detail: { kind: c.kind },
        },
        em,
      );
    });
  }

  async cancelTasks(input: { caseId: string; reason: string; taskIds?: string[] }): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const cancelled = await this.tasks.cancelOpen(input.caseId, input.reason, em, input.taskIds);
      for (const taskId of cancelled) {
        await this.audit.append(
          {
            actor: 'system',
            organisationCode: null,
            action: 'task.cancel',
            caseId: input.caseId,
            taskId,
            requestId: null,
            outcome: 'success',
            detail: { reason: input.reason },
          },
          em,
        );
      }
    });
  }
}
