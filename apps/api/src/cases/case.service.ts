import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/src/principal';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { CaseEntity } from '../../../../libs/persistence/src/entities/case.entity';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { TaskRepository } from '../../../../libs/persistence/src/repositories/task.repository';
import { taskSummary } from '../tasks/task.service';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import { ListCasesQueryDto } from './case.dto';

/** Lists show no personal data; the patient's identity stays in the projection's subject column. */
const view = (c: CaseEntity) => ({
  id: c.id,
  type: c.caseType,
  status: c.status,
  parties: c.parties,
  workflowId: c.workflowId,
  summary: c.summary,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

@Injectable()
export class CaseService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async list(p: Principal, query: ListCasesQueryDto) {
    const page = await this.cases.list({
      partyOrg: p.organisationCode,
      caseType: query.type,
      status: query.status,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** A case the caller's organisation is not party to does not exist for them (404, not 403). */
  async get(p: Principal, id: string) {
    const found = await this.cases.findById(id);
    if (!found || !found.parties.includes(p.organisationCode)) {
      throw new DomainError(DomainErrorCode.NotFound, `case ${id} not found`);
    }
    const [timeline, openTasks] = await Promise.all([this.cases.timeline(id), this.tasks.openForCase(id)]);
    const now = Date.now();
    return {
      ...view(found),
      openTasks: openTasks.map((t) => taskSummary(t, now)),
      timeline: timeline.map((e) => ({
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        organisationCode: e.organisationCode,
        type: e.type,
        detail: e.detail,
      })),
    };
  }
}
