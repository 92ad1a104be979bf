import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  DISCHARGE_HANDOVER_CASE_TYPE,
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  DischargeHandoverInput,
  DischargeHandoverState,
  dischargeHandoverStateQuery,
  dischargeHandoverWorkflowId,
  DischargePolicy,
  dischargeSummaryQuery,
  recordDischargeUpdate,
  revokeReadyForDischargeUpdate,
} from '../../../../libs/contracts/src/discharge-handover.contract';
import { dischargeNoticeProblem, estimatedDischargeDateProblem } from '../../../../libs/domain/src/discharge/discharge.rules';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { INPATIENT_KINDS, MUNICIPAL_CARE_KINDS, OrganisationKind } from '../../../../libs/domain/src/organisation-kinds';
import { normalisePersonnummer } from '../../../../libs/domain/src/personnummer';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { hashRequest, IdempotencyKeyRepository } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { Organisation, OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { KEY_RING } from '../../../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../../../libs/crypto/src/key-ring';
import { patientIndex } from '../../../../libs/crypto/src/patient-index';
import { PatientDataService } from '../../../../libs/persistence/src/patient-data/patient-data.service';
import { refusalError } from '../../../../libs/temporal/src/temporal-errors';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import type { RequestContext } from '../common/request-context';
import {
  CancelDischargeHandoverDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  RecordDischargeDto,
  RevokeReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';
import type { CaseStartedDto } from './discharge-handover.response';

const iso = (instant: string) => new Date(instant).toISOString();

/** Discharge handovers through the API. The rules live in the case's workflow (libs/domain/src/discharge). */
@Injectable()
export class DischargeHandoverService {
  private readonly logger = new Logger(DischargeHandoverService.name);

  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly organisations: OrganisationRepository,
    private readonly config: AppConfig,
    private readonly patientData: PatientDataService,
    @Inject(KEY_RING) private readonly keyRing: KeyRing,
  ) {}

  /** Inskrivningsmeddelande: opened by in-patient care, for the caller's own unit. */
  async start(ctx: RequestContext, dto: StartDischargeHandoverDto, key: string): Promise<CaseStartedDto> {
    const p = ctx.principal;
    if (!INPATIENT_KINDS.includes(p.organisationKind as OrganisationKind)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'only in-patient care (a hospital, SPSV or geriatric care) opens discharge handovers');
    }
    const problem = dischargeNoticeProblem(
      { admittedAt: iso(dto.admittedAt), estimatedDischargeDate: dto.estimatedDischargeDate, ...(dto.needsJudgedAt ? { needsJudgedAt: iso(dto.needsJudgedAt) } : {}) },
      new Date().toISOString(),
      this.config.DISCHARGE_ADMISSION_MAX_AGE_DAYS,
    );
    if (problem) throw refusalError(problem);
    const named = await this.organisations.findMany([dto.municipalityCode, dto.vardcentralCode, ...(dto.asihCode ? [dto.asihCode] : [])]);
    this.requireOrganisation(named, 'municipalityCode', dto.municipalityCode, MUNICIPAL_CARE_KINDS);
    this.requireOrganisation(named, 'vardcentralCode', dto.vardcentralCode, ['vardcentral']);
    if (dto.asihCode) this.requireOrganisation(named, 'asihCode', dto.asihCode, ['asih']);

    const personnummer = normalisePersonnummer(dto.personnummer);
    // The stored request hash must not let anyone test a guessed patient: the patient enters it only as blind indexes.
    const body = { ...dto, personnummer: patientIndex(this.keyRing, personnummer), patientName: this.keyRing.blindIndex('patient-name', dto.patientName) };
    // Keys are per opening organisation: two hospitals can never collide on a key.
    const claim = await this.idempotencyKeys.claim(`discharge-handover:start:${p.organisationCode}`, key, hashRequest(body));
    const workflowId = dischargeHandoverWorkflowId(claim.resourceId);
    ctx.audit.caseId = claim.resourceId;
    const input: DischargeHandoverInput = {
      caseId: claim.resourceId,
      openedBy: actorOf(p),
      requestId: ctx.requestId,
      hospitalCode: p.organisationCode,
      // Sealed with the case's own data key before the workflow starts: its input and history never hold the patient
      // readable, and erasure (destroying that key) leaves nothing readable there either.
      patientSealed: await this.patientData.sealForCase(claim.resourceId, { personnummer, name: dto.patientName }),
      municipalityCode: dto.municipalityCode,
      vardcentralCode: dto.vardcentralCode,
      admittedAt: iso(dto.admittedAt),
      ...(dto.needsJudgedAt ? { needsJudgedAt: iso(dto.needsJudgedAt) } : {}),
      // The key's first sighting is when the notice was sent: a retried request keeps the same time.
      openedAt: claim.createdAt.toISOString(),
      estimatedDischargeDate: dto.estimatedDischargeDate,
      careType: dto.careType,
      needs: { municipal: dto.needs.municipal, region: dto.needs.region },
      ...(dto.asihCode ? { asihCode: dto.asihCode } : {}),
      policy: this.policy(),
    };
    // Answered once the case is projected and its first tasks exist, so it can be read back at once. A retry (or
    // a crash between the key's insert and this start) attaches to the same run, and the fixed update id makes
    // Temporal answer it with the first result.
    const state = await this.workflows.startWithUpdate<object, DischargeHandoverState>(
      ctx,
      { workflowType: DISCHARGE_HANDOVER_WORKFLOW_TYPE, workflowId, input, what: 'case', rejectDuplicate: true },
      dischargeHandoverOpenedUpdate,
      undefined,
      `opened-${claim.resourceId}`,
    );
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
      sipDeadline: c.DISCHARGE_SIP_DEADLINE,
      sipCallDays: c.DISCHARGE_SIP_CALL_DAYS,
      holidayEves: c.DISCHARGE_HOLIDAY_EVES,
      liabilityBillsDischargeDay: c.DISCHARGE_LIABILITY_BILLS_DISCHARGE_DAY,
    };
  }

  /** The live state, for the case's parties only. */
  async state(ctx: RequestContext, caseId: string): Promise<DischargeHandoverState> {
    return this.workflows.query(await this.case(ctx, caseId), dischargeHandoverStateQuery);
  }

  /** The patient's written summary: fast vårdkontakt, planned SIP date, who to call (with organisation names). */
  async summary(ctx: RequestContext, caseId: string) {
    const found = await this.case(ctx, caseId);
    const summary = await this.workflows.query(found, dischargeSummaryQuery);
    // The name comes from the case's sealed subject (an old-input case's workflow may know it too); null once erased.
    const subject = await this.patientData.subjectOf(found);
    summary.patientName = subject?.name ?? null;
    const names = new Map((await this.organisations.list()).map((o) => [o.code, o.name]));
    return { ...summary, contacts: summary.contacts.map((c) => ({ ...c, organisationName: names.get(c.organisationCode) ?? null })) };
  }

  // The request's Idempotency-Key becomes the update id, so a retried request is answered by the first update.
  async changeEstimatedDischargeDate(ctx: RequestContext, caseId: string, dto: ChangeEstimatedDischargeDateDto, requestKey?: string) {
    const c = await this.case(ctx, caseId);
    // The case checks the date against its admission; only the API knows today.
    const problem = estimatedDischargeDateProblem(dto.estimatedDischargeDate, new Date().toISOString());
    if (problem) throw refusalError(problem);
    return this.workflows.update(ctx, c, changeEstimatedDischargeDateUpdate, { ...actorOf(ctx.principal), estimatedDischargeDate: dto.estimatedDischargeDate }, requestKey);
  }

  async declareReadyForDischarge(ctx: RequestContext, caseId: string, dto: DeclareReadyForDischargeDto, requestKey?: string) {
    const c = await this.case(ctx, caseId);
    const planned = dto.plannedDischargeAt ? { plannedDischargeAt: iso(dto.plannedDischargeAt) } : {};
    return this.workflows.update(ctx, c, declareReadyForDischargeUpdate, { ...actorOf(ctx.principal), declaredAt: iso(dto.declaredAt), ...planned }, requestKey);
  }

  async revokeReadyForDischarge(ctx: RequestContext, caseId: string, dto: RevokeReadyForDischargeDto, requestKey?: string) {
    const c = await this.case(ctx, caseId);
    return this.workflows.update(ctx, c, revokeReadyForDischargeUpdate, { ...actorOf(ctx.principal), reason: dto.reason }, requestKey);
  }

  /** Refused (409, the missing steps named) until the routine's discharge checklist is done (missingStepsForDischarge). */
  async recordDischarge(ctx: RequestContext, caseId: string, dto: RecordDischargeDto, requestKey?: string) {
    const c = await this.case(ctx, caseId);
    return this.workflows.update(ctx, c, recordDischargeUpdate, { ...actorOf(ctx.principal), dischargedAt: iso(dto.dischargedAt) }, requestKey);
  }

  async cancel(ctx: RequestContext, caseId: string, dto: CancelDischargeHandoverDto, requestKey?: string) {
    const c = await this.case(ctx, caseId);
    return this.workflows.update(ctx, c, cancelDischargeHandoverUpdate, { ...actorOf(ctx.principal), reason: dto.reason }, requestKey);
  }

  private case(ctx: RequestContext, caseId: string) {
    return this.access.requireCase(ctx, caseId, { caseType: DISCHARGE_HANDOVER_CASE_TYPE });
  }

  private requireOrganisation(named: Map<string, Organisation>, field: string, code: string, kinds: OrganisationKind[]): void {
    const org = named.get(code);
    if (!org || !org.active || !kinds.includes(org.kind)) {
      throw new DomainError(DomainErrorCode.UnknownOrganisation, `${field} ${code} is not an active ${kinds.join(' or ')}`, { field });
    }
  }
}
