import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  AREA_WORKFLOW_TYPE,
  AreaInput,
  areaOpenedUpdate,
  AreaPolicy,
  AreaState,
  areaStateQuery,
  areaWorkflowId,
  designateCoordinatorUpdate,
  endAreaUpdate,
} from '../../../../libs/contracts/src/coordination-area.contract';
import { isRefusal } from '../../../../libs/domain/src/case/case';
import { designationValidityProblem, successionOf } from '../../../../libs/domain/src/coordination/area-validity';
import { designationProblem } from '../../../../libs/domain/src/coordination/area.rules';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { stockholmDate } from '../../../../libs/domain/src/time/stockholm';
import { AreaRepository } from '../../../../libs/persistence/src/repositories/area.repository';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { refusalError } from '../../../../libs/temporal/src/temporal-errors';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import type { RequestContext } from '../common/request-context';
import { DesignateCoordinatorDto } from './area.dto';

/** Coordinating vårdcentraler through the API. The rules live in each area's workflow (libs/domain/src/coordination). */
@Injectable()
export class AreaService {
  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly areas: AreaRepository,
    private readonly organisations: OrganisationRepository,
    private readonly config: AppConfig,
  ) {}

  /** Who covers which area on `date` (default: today in Stockholm): a register every organisation may read. */
  coverage(date?: string) {
    return this.areas.coverage(date ?? stockholmDate(new Date()));
  }

  /** An area's case, for its parties; an area nobody was ever designated for has no case yet. */
  async state(ctx: RequestContext, areaCode: string): Promise<AreaState | { areaCode: string; areaName: string; validFrom: string | null; validTo: string | null; status: 'none' }> {
    const area = await this.requireArea(areaCode);
    if (!area.caseId) return { areaCode, areaName: area.name, validFrom: area.validFrom, validTo: area.validTo, status: 'none' };
    return this.workflows.query(await this.access.requireCase(ctx, area.caseId, { what: 'area case' }), areaStateQuery);
  }

  /** HSN designates (or re-designates) the area's coordinating vårdcentral; the area's workflow starts with the first. */
  async designate(ctx: RequestContext, areaCode: string, dto: DesignateCoordinatorDto): Promise<AreaState> {
    const designation = { vardcentralCode: dto.vardcentralCode, startDate: dto.startDate, by: actorOf(ctx.principal) };
    // The same rule the area's workflow applies; checked first so no case starts for a refused designation.
    const problem = designationProblem(designation);
    if (problem?.refused === 'forbidden') throw refusalError(problem);
    const area = await this.requireArea(areaCode);
    if (problem) throw refusalError(problem);
    const outsideValidity = designationValidityProblem(area, dto.startDate);
    if (outsideValidity) throw refusalError(outsideValidity);
    const vc = await this.organisations.find(dto.vardcentralCode);
    if (!vc?.active || vc.kind !== 'vardcentral') {
      throw new DomainError(DomainErrorCode.UnknownOrganisation, `vardcentralCode ${dto.vardcentralCode} is not an active vårdcentral`, { field: 'vardcentralCode' });
    }
    const caseId = await this.areas.caseIdFor(areaCode, randomUUID());
    ctx.audit.caseId = caseId;
    const input: AreaInput = { caseId, areaCode, areaName: area.name, policy: this.policy() };
    const state = await this.workflows.startWithUpdate(
      ctx,
      { workflowType: AREA_WORKFLOW_TYPE, workflowId: areaWorkflowId(areaCode), input, what: `area ${areaCode}` },
      designateCoordinatorUpdate,
      designation,
    );
    return state as AreaState;
  }

  /**
   * HSN opens the case of an area formed by merging areas (Stockholm's districts on 2023-07-01): the vårdcentral
   * that held every merged area carries over from the new area's first day, or HSN's approver gets a task to
   * designate one (the rule: area-validity.ts successionOf).
   */
  async succession(ctx: RequestContext, areaCode: string): Promise<AreaState> {
    const by = actorOf(ctx.principal);
    if (by.organisationCode !== 'HSN') throw refusalError({ refused: 'forbidden', message: 'only HSN opens the succession of merged areas' });
    const area = await this.requireArea(areaCode);
    if (area.caseId) throw new DomainError(DomainErrorCode.Conflict, `area ${areaCode} already has its case`);
    const merged = await this.areas.mergedInto(areaCode);
    const succession = successionOf(
      { areaCode, validFrom: area.validFrom },
      merged.map((m) => ({ areaCode: m.code, validTo: m.validTo, successorCode: m.successorCode, vardcentralCode: m.vardcentralCode })),
    );
    if (isRefusal(succession)) throw refusalError(succession);
    const caseId = await this.areas.caseIdFor(areaCode, randomUUID());
    ctx.audit.caseId = caseId;
    const input: AreaInput = { caseId, areaCode, areaName: area.name, policy: this.policy(), succession: { ...succession, by }, requestId: ctx.requestId };
    const state = await this.workflows.startWithUpdate<object, AreaState>(
      ctx,
      { workflowType: AREA_WORKFLOW_TYPE, workflowId: areaWorkflowId(areaCode), input, what: `area ${areaCode}` },
      areaOpenedUpdate,
      undefined,
      `opened-${caseId}`,
    );
    // The merged areas end with their last day: their cases close, and SLSO follows them up no more.
    for (const m of merged) {
      if (!m.caseId || m.validTo === null) continue;
      await this.workflows
        .update(ctx, { id: m.caseId, workflowId: areaWorkflowId(m.code), status: 'ended' }, endAreaUpdate, { lastDay: m.validTo, successorCode: areaCode, by }, `end-${m.caseId}`)
        .catch((err: unknown) => {
          // Already ended (by an earlier request): nothing more to do.
          if (!(err instanceof DomainError && err.code === DomainErrorCode.Conflict)) throw err;
        });
    }
    return state as AreaState;
  }

  /** This deployment's deadlines and rules, fixed into each area's case at its start. */
  private policy(): AreaPolicy {
    const c = this.config;
    return {
      acceptDueMs: durationMs(c.COORDINATION_ACCEPT_DUE),
      onboardingDueMs: durationMs(c.COORDINATION_ONBOARDING_DUE),
      escalationDueMs: durationMs(c.COORDINATION_ESCALATION_DUE),
      followUpIntervalMs: durationMs(c.COORDINATION_FOLLOW_UP_INTERVAL),
      declineAllowed: c.COORDINATION_DECLINE_ALLOWED,
    };
  }

  private async requireArea(areaCode: string) {
    const area = await this.areas.find(areaCode);
    if (!area) throw new DomainError(DomainErrorCode.NotFound, `area ${areaCode} not found`);
    return area;
  }
}
