import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/src/principal';
import { CaseEntity } from '../../../../libs/persistence/src/entities/case.entity';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
import { TaskRepository } from '../../../../libs/persistence/src/repositories/task.repository';
import { PatientDataService } from '../../../../libs/persistence/src/patient-data/patient-data.service';
import { AccessService } from '../access/access.service';
import { CaseClosure } from '../access/case-closure';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import type { RequestContext } from '../common/request-context';
import { taskSummary } from '../tasks/task.service';
import { ListCasesQueryDto } from './case.dto';

/** Lists show no personal data; the patient's identity stays sealed in the projection's subject_sealed column. */
const view = (c: CaseEntity) => ({
  id: c.id,
  type: c.caseType,
  status: c.status,
  parties: c.parties,
  workflowId: c.workflowId,
  summary: c.summary,
  waitingFor: c.waitingFor,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

@Injectable()
export class CaseService {
  constructor(
    private readonly access: AccessService,
    private readonly closure: CaseClosure,
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly patientData: PatientDataService,
  ) {}

  async list(p: Principal, query: ListCasesQueryDto) {
    const page = await this.cases.list({
      partyOrg: p.organisationCode,
      readableTypes: this.access.readableCaseTypes(p),
      caseType: query.type,
      status: query.status,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** A case the caller's organisation is not party to does not exist for them (404, not 403). */
  async get(ctx: RequestContext, id: string) {
    let found = await this.access.requireCase(ctx, id);
    let openTasks = await this.tasks.openForCase(id);
    // A case whose workflow was terminated by an operator is closed on this read: no task of it stays open.
    if (openTasks.length > 0 && (await this.closure.closeIfEnded(id, found.workflowId))) {
      found = await this.access.requireCase(ctx, id);
      openTasks = [];
    }
    const timeline = await this.cases.timeline(id);
    const now = Date.now();
    return {
      ...view(found),
      // Who may read the case reads its patient (the access service decided above); null once erased.
      subject: await this.patientData.subjectOf(found),
      patientDataErasedAt: found.patientDataErasedAt,
      openTasks: openTasks.map((t) => taskSummary(t, now)),
      timeline: timeline.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, organisationCode: e.organisationCode, type: e.type, detail: e.detail })),
    };
  }
}
