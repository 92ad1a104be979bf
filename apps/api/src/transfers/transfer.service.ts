import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  cancelTransferUpdate,
  REINFORCEMENT_CASE_TYPE,
  REINFORCEMENT_WORKFLOW_TYPE,
  reinforcementOpenedUpdate,
  ReinforcementState,
  reinforcementStateQuery,
  reinforcementWorkflowId,
  TRANSFER_CASE_TYPE,
  TRANSFER_WORKFLOW_TYPE,
  TransferInput,
  transferOpenedUpdate,
  TransferState,
  transferStateQuery,
  transferWorkflowId,
} from '../../../../libs/contracts/src/transfer.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { reinforcementProblem } from '../../../../libs/domain/src/transfers/reinforcement.rules';
import { COORDINATOR_ORG, requestProblem } from '../../../../libs/domain/src/transfers/transfer.rules';
import type { CareLevel } from '../../../../libs/domain/src/transfers/transfer.types';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { stockholmMidnight } from '../../../../libs/domain/src/time/stockholm-clock';
import { addDays } from '../../../../libs/domain/src/time/swedish-holidays';
import { hashRequest, IdempotencyKeyRepository } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';
import { TransferRepository } from '../../../../libs/persistence/src/repositories/transfer.repository';
import { refusalError } from '../../../../libs/temporal/src/temporal-errors';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import type { RequestContext } from '../common/request-context';
import { CancelTransferDto, ReportQueryDto, StartReinforcementDto, StartTransferDto } from './transfer.dto';

const forbidden = (message: string) => new DomainError(DomainErrorCode.Forbidden, message);

/** Transfers and reinforcement through the API; the rules are in the workflows (libs/domain/src/transfers). */
@Injectable()
export class TransferService {
  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly transfers: TransferRepository,
    private readonly organisations: OrganisationRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly config: AppConfig,
  ) {}

  private async regions(): Promise<string[]> {
    return (await this.organisations.list('region')).filter((o) => o.active).map((o) => o.code);
  }

  private requireRegion(p: Principal, what: string): void {
    if (p.organisationKind !== 'region') throw forbidden(`only a region ${what}`);
  }

  private requireCoordinationFunction(p: Principal): void {
    if (p.organisationCode !== COORDINATOR_ORG) throw forbidden("only Socialstyrelsen's coordination function does this");
  }

  /** A region's coordinator asks for a transfer of one or more patients. */
  async start(ctx: RequestContext, dto: StartTransferDto, key: string) {
    const p = ctx.principal;
    this.requireRegion(p, 'requests a transfer');
    const request = { sendingRegion: p.organisationCode, patients: dto.patients, earliestDeparture: new Date(dto.earliestDeparture).toISOString(), by: actorOf(p) };
    const regions = await this.regions();
    const problem = requestProblem(request, regions);
    if (problem) throw refusalError(problem);
    const claim = await this.idempotencyKeys.claim(`transfer:start:${p.organisationCode}`, key, hashRequest(dto));
    ctx.audit.caseId = claim.resourceId;
    const c = this.config;
    const input: TransferInput = {
      requestId: claim.resourceId,
      request,
      regions,
      policy: {
        offerDueMs: durationMs(c.TRANSFER_OFFER_DUE),
        offersAtOnce: c.TRANSFER_OFFERS_AT_ONCE,
        matchingDueMs: durationMs(c.TRANSFER_MATCHING_DUE),
        stepDueMs: durationMs(c.TRANSFER_STEP_DUE),
        transportOrg: c.TRANSFER_TRANSPORT_ORG ?? null,
      },
      auditedRequestId: ctx.requestId,
    };
    const state = await this.workflows.startWithUpdate<object, TransferState>(
      ctx,
      { workflowType: TRANSFER_WORKFLOW_TYPE, workflowId: transferWorkflowId(claim.resourceId), input, what: 'transfer', rejectDuplicate: true },
      transferOpenedUpdate,
      undefined,
      `opened-${claim.resourceId}`,
    );
    return { requestId: claim.resourceId, status: state?.status ?? 'matching', replayed: claim.replayed };
  }

  /** The request for its parties; the patients' references for the sending region only. */
  async state(ctx: RequestContext, requestId: string) {
    const c = await this.access.requireCase(ctx, requestId, { caseType: TRANSFER_CASE_TYPE, what: 'transfer' });
    const view = await this.workflows.query(c, transferStateQuery);
    if (ctx.principal.organisationCode === view.sendingRegion) return view;
    return { ...view, patients: view.patients.map(({ careLevel, infection }) => ({ careLevel, infection })) };
  }

  async cancel(ctx: RequestContext, requestId: string, dto: CancelTransferDto) {
    const c = await this.access.requireCase(ctx, requestId, { caseType: TRANSFER_CASE_TYPE, what: 'transfer' });
    await this.workflows.update(ctx, c, cancelTransferUpdate, { reason: dto.reason, ...(dto.comment ? { comment: dto.comment } : {}), by: actorOf(ctx.principal) });
    return this.state(ctx, requestId);
  }

  /** A region declares its free beds of a care level (never below what transfers have reserved). */
  async declareCapacity(p: Principal, careLevel: CareLevel, beds: number) {
    this.requireRegion(p, 'declares its free beds');
    if (!(await this.transfers.declareCapacity(p.organisationCode, careLevel, beds, p.personId))) {
      throw new DomainError(DomainErrorCode.Conflict, `more ${careLevel} beds than ${beds} are reserved for transfers on their way`, { field: 'beds' });
    }
    return (await this.transfers.capacity(p.organisationCode)).find((r) => r.careLevel === careLevel);
  }

  /** A region sees its own capacity; Socialstyrelsen every region's. */
  async capacity(p: Principal) {
    if (p.organisationCode === COORDINATOR_ORG) return this.transfers.capacity();
    this.requireRegion(p, 'or Socialstyrelsen reads transfer capacity');
    return this.transfers.capacity(p.organisationCode);
  }

  async setHealthcareRegion(p: Principal, region: string, healthcareRegion: string) {
    if (!(await this.regions()).includes(region)) throw new DomainError(DomainErrorCode.NotFound, `region ${region} not found`);
    await this.transfers.setHealthcareRegion(region, healthcareRegion, p.personId);
    return { region, healthcareRegion };
  }

  /** The report to the Ministry for a period of Stockholm days: transfers per sending and receiving region, reinforcements. */
  async report(p: Principal, q: ReportQueryDto) {
    this.requireCoordinationFunction(p);
    if (q.to < q.from) throw new DomainError(DomainErrorCode.InvalidInput, 'to must not be before from', { field: 'to' });
    const from = new Date(stockholmMidnight(q.from)).toISOString();
    const to = new Date(stockholmMidnight(addDays(q.to, 1))).toISOString();
    return { from: q.from, to: q.to, transfers: await this.transfers.report(from, to), reinforcements: await this.transfers.reinforcementReport(from, to) };
  }

  // ---- reinforcement ------------------------------------------------------------------------------------------

  async startReinforcement(ctx: RequestContext, dto: StartReinforcementDto, key: string) {
    const p = ctx.principal;
    this.requireRegion(p, 'requests reinforcement');
    const problem = reinforcementProblem({ region: p.organisationCode, category: dto.category, quantity: dto.quantity }, await this.regions());
    if (problem) throw refusalError(problem);
    const claim = await this.idempotencyKeys.claim(`reinforcement:start:${p.organisationCode}`, key, hashRequest(dto));
    ctx.audit.caseId = claim.resourceId;
    const state = await this.workflows.startWithUpdate<object, ReinforcementState>(
      ctx,
      {
        workflowType: REINFORCEMENT_WORKFLOW_TYPE,
        workflowId: reinforcementWorkflowId(claim.resourceId),
        input: { requestId: claim.resourceId, region: p.organisationCode, category: dto.category, quantity: dto.quantity, by: actorOf(p), allocateDueMs: durationMs(this.config.REINFORCEMENT_ALLOCATE_DUE), auditedRequestId: ctx.requestId },
        what: 'reinforcement request',
        rejectDuplicate: true,
      },
      reinforcementOpenedUpdate,
      undefined,
      `opened-${claim.resourceId}`,
    );
    return { requestId: claim.resourceId, status: state?.status ?? 'requested', replayed: claim.replayed };
  }

  async reinforcement(ctx: RequestContext, requestId: string) {
    const c = await this.access.requireCase(ctx, requestId, { caseType: REINFORCEMENT_CASE_TYPE, what: 'reinforcement request' });
    return this.workflows.query(c, reinforcementStateQuery);
  }

  async setPool(p: Principal, category: string, available: number) {
    this.requireCoordinationFunction(p);
    await this.transfers.setPool(category, available, p.personId);
    return { category, available };
  }

  async pool(p: Principal) {
    if (p.organisationCode !== COORDINATOR_ORG) this.requireRegion(p, 'or Socialstyrelsen reads the national pool');
    return this.transfers.pool();
  }
}

/** The report as CSV (one section per table, a header row each; codes and numbers only). */
export function reportCsv(r: Awaited<ReturnType<TransferService['report']>>): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [
    `# transfers ${r.from} -- ${r.to}`,
    'sending_region,receiving_region,requests,patients,admitted,median_minutes_to_acceptance,median_minutes_to_admission',
    ...r.transfers.map((t) => [t.sendingRegion, t.receivingRegion, t.requests, t.patients, t.admitted, t.medianMinutesToAcceptance, t.medianMinutesToAdmission].map(cell).join(',')),
    `# reinforcements ${r.from} -- ${r.to}`,
    'region,category,requests,requested,allocated',
    ...r.reinforcements.map((x) => [x.region, x.category, x.requests, x.requested, x.allocated].map(cell).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
