import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { CaseEntity } from '../../../../libs/persistence/src/entities/case.entity';
import { CaseRepository } from '../../../../libs/persistence/src/repositories/case.repository';
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
  constructor(private readonly cases: CaseRepository) {}

  async list(query: ListCasesQueryDto) {
    const page = await this.cases.list({
      caseType: query.type,
      status: query.status,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async get(id: string) {
    const found = await this.cases.findById(id);
    if (!found) throw new DomainError(DomainErrorCode.NotFound, `case ${id} not found`);
    const timeline = await this.cases.timeline(id);
    return {
      ...view(found),
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
