import { Injectable, Logger } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  Actor,
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  DischargeHandoverInput,
  DischargeHandoverState,
  dischargeHandoverStateQuery,
  dischargeHandoverWorkflowId,
  DischargePolicy,
  DischargeSummary,
  dischargeSummaryQuery,
  recordDischargeUpdate,
  revokeReadyForDischargeUpdate,
} from '../../../../libs/contracts/src/discharge-handover.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { INPATIENT_KINDS, MUNICIPAL_CARE_KINDS, OrganisationKind } from '../../../../libs/domain/src/organisation-kinds';
import { normalisePersonnummer } from '../../../../libs/domain/src/personnummer';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { stockholmDate } from '../../../../libs/domain/src/time/stockholm';
import {
  hashRequest,
  IdempotencyKeyRepository,
} from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import type { RequestContext } from '../common/request-context';
import {
  CancelDischargeHandoverDto,
  CaseStartedDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  RecordDischargeDto,
  RevokeReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';

// A clock a few minutes off on the caller's side is not an error; a time an hour ahead is.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const parties = (s: DischargeHandoverState) => [s.hospitalCode, s.municipalityCode, s.vardcentralCode];

@Injectable()
export class DischargeHandoverService {
  private readonly logger = new Logger(DischargeHandoverService.name);

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly organisations: OrganisationRepository,
    private readonly config: AppConfig,
  ) {}

  /** Inskrivningsmeddelande: opened by in-patient care, for the caller's own unit. */
  async start(ctx: RequestContext, dto: StartDischargeHandoverDto, key: string): Promise<CaseStartedDto> {
    const p = ctx.principal;
    if (!INPATIENT_KINDS.includes(p.organisationKind as OrganisationKind)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'only in-patient care (a hospital, SPSV or geriatric care) opens discharge handovers');
    }
    this.refuseFuture('admittedAt', dto.admittedAt);
    if (dto.estimatedDischargeDate < stockholmDate(dto.admittedAt)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'estimatedDischargeDate is before the admission date', {
        field: 'estimatedDischargeDate',
      });
    }
    await this.requireOrganisation('municipalityCode', dto.municipalityCode, MUNICIPAL_CARE_KINDS);
    await this.requireOrganisation('vardcentralCode', dto.vardcentralCode, ['vardcentral']);
    if (dto.asihCode) await this.requireOrganisation('asihCode', dto.asihCode, ['asih']);

    const body = { ...dto, personnummer: normalisePersonnummer(dto.personnummer) };
    // Keys are per opening organisation: two hospitals can never collide on a key.
    const claim = await this.idempotencyKeys.claim(`discharge-handover:start:${p.organisationCode}`, key, hashRequest(body));
    const workflowId = dischargeHandoverWorkflowId(claim.resourceId);
    ctx.audit.caseId = claim.resourceId;
    const input: DischargeHandoverInput = {
      caseId: claim.resourceId,
      openedBy: actorOf(p),
      hospitalCode: p.organisationCode,
      patient: { personnummer: body.personnummer, name: dto.patientName },
      municipalityCode: dto.municipalityCode,
      vardcentralCode: dto.vardcentralCode,
      admittedAt: new Date(dto.admittedAt).toISOString(),
      // The key's first sighting is when the notice was sent: a retried request keeps the same time.
      openedAt: claim.createdAt.toISOString(),
      estimatedDischargeDate: dto.estimatedDischargeDate,
      careType: dto.careType,
      needs: { municipal: dto.needs.municipal, region: dto.needs.region },
      ...(dto.asihCode ? { asihCode: dto.asihCode } : {}),
      policy: this.policy(),
    };
    let state: DischargeHandoverState | undefined;
    try {
      // Start and wait until the case is projected and its first tasks exist, so it can be read back at once.
      // USE_EXISTING: a retry (or a crash between the key's insert and this start) attaches to the same run,
      // and the fixed update id makes Temporal answer it with the first result.
      state = await this.temporal.client.workflow.executeUpdateWithStart(dischargeHandoverOpenedUpdate, {
        updateId: `opened-${claim.resourceId}`,
        startWorkflowOperation: new WithStartWorkflowOperation(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
          taskQueue: this.temporal.taskQueue,
          workflowId,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
    } catch (err) {
      // Started before and since closed: the same case, not a new one.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError)) {
        throw toDomainError(err, 'case');
      }
    }
    this.logger.log(`discharge handover ${claim.resourceId} ${claim.replayed ? 'returned again (replayed key)' : 'started'}`);
    return { caseId: claim.resourceId, workflowId, replayed: claim.replayed, state };
  }

  /** This deployment's deadlines and rules, fixed into each case at its start. */
  private policy(): DischargePolicy {
    const c = this.config;
    return {
      noticeDeadlineHours: c.DISCHARGE_NOTICE_DEADLINE_HOURS,
      acknowledgementDueMs: durationMs(c.DISCHARGE_ACK_DUE),
      assessmentDueMs: durationMs(c.DISCHARGE_ASSESSMENT_DUE),
      fastVardkontaktDueMs: durationMs(c.DISCHARGE_FAST_VARDKONTAKT_DUE),
      informationDueMs: durationMs(c.DISCHARGE_INFORMATION_DUE),
      readyAcknowledgementDueMs: durationMs(c.DISCHARGE_READY_ACK_DUE),
      sipCallDueMs: durationMs(c.DISCHARGE_SIP_CALL_DUE),
      takeoverDueMs: durationMs(c.DISCHARGE_TAKEOVER_DUE),
      escalationDueMs: durationMs(c.DISCHARGE_ESCALATION_DUE),
      liabilityPolicy: c.DISCHARGE_LIABILITY_POLICY,
      defaultAsihCode: c.DISCHARGE_DEFAULT_ASIH,
    };
  }

  /** The live state, for the case's parties only. */
  state(ctx: RequestContext, caseId: string): Promise<DischargeHandoverState> {
    return this.read(ctx, caseId);
  }

  changeEstimatedDischargeDate(ctx: RequestContext, caseId: string, dto: ChangeEstimatedDischargeDateDto, requestKey?: string) {
    return this.asHospital(ctx, caseId, (actor) =>
      this.handle(caseId).executeUpdate(changeEstimatedDischargeDateUpdate, {
        args: [{ ...actor, estimatedDischargeDate: dto.estimatedDischargeDate }],
        updateId: requestKey,
      }),
    );
  }

  declareReadyForDischarge(ctx: RequestContext, caseId: string, dto: DeclareReadyForDischargeDto, requestKey?: string) {
    const declaredAt = new Date(dto.declaredAt).toISOString();
    this.refuseFuture('declaredAt', declaredAt);
    return this.asHospital(ctx, caseId, (actor) =>
      this.handle(caseId).executeUpdate(declareReadyForDischargeUpdate, {
        args: [{ ...actor, declaredAt, ...(dto.plannedDischargeAt ? { plannedDischargeAt: new Date(dto.plannedDischargeAt).toISOString() } : {}) }],
        updateId: requestKey,
      }),
    );
  }

  revokeReadyForDischarge(ctx: RequestContext, caseId: string, dto: RevokeReadyForDischargeDto, requestKey?: string) {
    return this.asHospital(ctx, caseId, (actor) =>
      this.handle(caseId).executeUpdate(revokeReadyForDischargeUpdate, { args: [{ ...actor, reason: dto.reason }], updateId: requestKey }),
    );
  }

  /** Refused (409, the missing steps named) until the takeover is acknowledged and the municipality has decided. */
  recordDischarge(ctx: RequestContext, caseId: string, dto: RecordDischargeDto, requestKey?: string) {
    const dischargedAt = new Date(dto.dischargedAt).toISOString();
    this.refuseFuture('dischargedAt', dischargedAt);
    return this.asHospital(ctx, caseId, (actor) =>
      this.handle(caseId).executeUpdate(recordDischargeUpdate, { args: [{ ...actor, dischargedAt }], updateId: requestKey }),
    );
  }

  /** The patient's written summary: fast vårdkontakt, planned SIP date, who to call (with organisation names). */
  async summary(ctx: RequestContext, caseId: string) {
    await this.read(ctx, caseId);
    let summary: DischargeSummary;
    try {
      summary = await this.handle(caseId).query(dischargeSummaryQuery);
    } catch (err) {
      throw toDomainError(err, `case ${caseId}`);
    }
    const names = new Map((await this.organisations.list()).map((o) => [o.code, o.name]));
    return { ...summary, contacts: summary.contacts.map((c) => ({ ...c, organisationName: names.get(c.organisationCode) ?? null })) };
  }

  private refuseFuture(field: string, instant: string) {
    if (Date.parse(instant) > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new DomainError(DomainErrorCode.InvalidInput, `${field} is in the future`, { field });
    }
  }

  cancel(ctx: RequestContext, caseId: string, dto: CancelDischargeHandoverDto, requestKey?: string) {
    return this.asHospital(ctx, caseId, (actor) =>
      this.handle(caseId).executeUpdate(cancelDischargeHandoverUpdate, {
        args: [{ ...actor, reason: dto.reason }],
        updateId: requestKey,
      }),
    );
  }

  private handle(caseId: string) {
    return this.temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId));
  }

  private async requireOrganisation(field: string, code: string, kinds: OrganisationKind[]): Promise<void> {
    const org = await this.organisations.find(code);
    if (!org || !org.active || !kinds.includes(org.kind)) {
      throw new DomainError(DomainErrorCode.UnknownOrganisation, `${field} ${code} is not an active ${kinds.join(' or ')}`, { field });
    }
  }

  /** Queries the case and checks the caller's organisation is a party; otherwise the case does not exist for them. */
  private async read(ctx: RequestContext, caseId: string): Promise<DischargeHandoverState> {
    ctx.audit.caseId = caseId;
    let state: DischargeHandoverState;
    try {
      state = await this.handle(caseId).query(dischargeHandoverStateQuery);
    } catch (err) {
      throw toDomainError(err, `case ${caseId}`);
    }
    if (!parties(state).includes(ctx.principal.organisationCode)) {
      throw new DomainError(DomainErrorCode.NotFound, `case ${caseId} not found`);
    }
    return state;
  }

  /**
   * Changes only the opening hospital makes. The request's Idempotency-Key becomes the update id, so a retried
   * request is answered by the first update instead of applying twice.
   */
  private async asHospital(
    ctx: RequestContext,
    caseId: string,
    run: (actor: Actor) => Promise<DischargeHandoverState>,
  ): Promise<DischargeHandoverState> {
    const current = await this.read(ctx, caseId);
    if (current.hospitalCode !== ctx.principal.organisationCode) {
      throw new DomainError(DomainErrorCode.Forbidden, 'only the hospital that opened the case can do this');
    }
    try {
      return await run(actorOf(ctx.principal));
    } catch (err) {
      // The case exists (it answered the query) but its workflow has ended: nothing more can change.
      if (err instanceof WorkflowNotFoundError) {
        throw new DomainError(DomainErrorCode.Conflict, `the case is ${current.status}`, { status: current.status });
      }
      throw toDomainError(err, `case ${caseId}`);
    }
  }
}
