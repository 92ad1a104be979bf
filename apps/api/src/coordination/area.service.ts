import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  AREA_WORKFLOW_TYPE,
  AreaInput,
  AreaState,
  areaStateQuery,
  areaWorkflowId,
  COORDINATION_EARLIEST_START,
  designateCoordinatorUpdate,
} from '../../../../libs/contracts/src/coordination-area.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { AreaRepository } from '../../../../libs/persistence/src/repositories/area.repository';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import type { RequestContext } from '../common/request-context';
import { DesignateCoordinatorDto } from './area.dto';

@Injectable()
export class AreaService {
  constructor(
    private readonly areas: AreaRepository,
    private readonly organisations: OrganisationRepository,
    private readonly temporal: TemporalClientHolder,
    private readonly config: AppConfig,
  ) {}

  coverage() {
    return this.areas.coverage();
  }

  async state(areaCode: string): Promise<AreaState | { areaCode: string; areaName: string; status: 'none' }> {
    const area = await this.requireArea(areaCode);
    if (!area.caseId) return { areaCode, areaName: area.name, status: 'none' };
    try {
      return await this.temporal.client.workflow.getHandle(areaWorkflowId(areaCode)).query(areaStateQuery);
    } catch (err) {
      throw toDomainError(err, `area ${areaCode}`);
    }
  }

  /** HSN designates (or re-designates) the area's coordinating vårdcentral; the area's workflow starts with the first. */
  async designate(ctx: RequestContext, areaCode: string, dto: DesignateCoordinatorDto): Promise<AreaState> {
    if (ctx.principal.organisationCode !== 'HSN') throw new DomainError(DomainErrorCode.Forbidden, 'only HSN designates coordinating vårdcentraler');
    const area = await this.requireArea(areaCode);
    if (dto.startDate < COORDINATION_EARLIEST_START) {
      throw new DomainError(DomainErrorCode.InvalidInput, `startDate must not be before ${COORDINATION_EARLIEST_START}`, { field: 'startDate' });
    }
    const vc = await this.organisations.find(dto.vardcentralCode);
    if (!vc?.active || vc.kind !== 'vardcentral') {
      throw new DomainError(DomainErrorCode.UnknownOrganisation, `vardcentralCode ${dto.vardcentralCode} is not an active vårdcentral`, { field: 'vardcentralCode' });
    }
    const caseId = await this.areas.caseIdFor(areaCode, randomUUID());
    ctx.audit.caseId = caseId;
    const c = this.config;
    const input: AreaInput = {
      caseId,
      areaCode,
      areaName: area.name,
      policy: {
        acceptDueMs: durationMs(c.COORDINATION_ACCEPT_DUE),
        onboardingDueMs: durationMs(c.COORDINATION_ONBOARDING_DUE),
        escalationDueMs: durationMs(c.COORDINATION_ESCALATION_DUE),
        followUpIntervalMs: durationMs(c.COORDINATION_FOLLOW_UP_INTERVAL),
      },
    };
    try {
      return await this.temporal.client.workflow.executeUpdateWithStart(designateCoordinatorUpdate, {
        args: [{ vardcentralCode: dto.vardcentralCode, startDate: dto.startDate, by: actorOf(ctx.principal) }],
        startWorkflowOperation: new WithStartWorkflowOperation(AREA_WORKFLOW_TYPE, {
          taskQueue: this.temporal.taskQueue,
          workflowId: areaWorkflowId(areaCode),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(DomainErrorCode.Conflict, `area ${areaCode} is closed`);
      throw toDomainError(err, `area ${areaCode}`);
    }
  }

  private async requireArea(areaCode: string) {
    const area = await this.areas.find(areaCode);
    if (!area) throw new DomainError(DomainErrorCode.NotFound, `area ${areaCode} not found`);
    return area;
  }
}
