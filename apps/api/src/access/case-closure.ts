import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { TaskRepository } from '../../../../libs/persistence/src/repositories/task.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';

/**
 * A workflow can end without running its own closing step: an operator terminates it, or it times out. The next
 * read of its case notices, and no task of it stays open in anyone's inbox.
 */
@Injectable()
export class CaseClosure {
  private readonly logger = new Logger(CaseClosure.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientHolder,
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Closes the case's open tasks when its workflow is no longer running; true when it did. */
  async closeIfEnded(caseId: string, workflowId: string): Promise<boolean> {
    let status: string;
    try {
      status = (await this.temporal.client.workflow.getHandle(workflowId).describe()).status.name;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) return false; // Temporal away: try on a later read
      status = 'NOT_FOUND';
    }
    if (status === 'RUNNING') return false;
    const reason = `the case's workflow ended (${status.toLowerCase()})`;
    const closed = await this.dataSource.transaction(async (em) => {
      const cancelled = await this.tasks.cancelOpen(caseId, reason, em);
      for (const taskId of cancelled) {
        await this.audit.append(
          { actor: 'system', organisationCode: null, action: 'task.cancel', caseId, taskId, requestId: null, outcome: 'success', detail: { reason } },
          em,
        );
      }
      if (cancelled.length > 0) await this.cases.markWaitingForNothing(caseId, reason, em);
      return cancelled.length;
    });
    if (closed > 0) this.logger.warn(`case ${caseId}: workflow ${status.toLowerCase()}; closed ${closed} open task(s)`);
    return closed > 0;
  }
}
