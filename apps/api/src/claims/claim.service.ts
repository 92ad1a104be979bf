import { Injectable } from '@nestjs/common';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  CLAIM_CASE_TYPE,
  CLAIM_WORKFLOW_TYPE,
  ClaimInput,
  claimOpenedUpdate,
  ClaimState,
  claimStateQuery,
  claimWorkflowId,
  editDraftUpdate,
  MandateRef,
  submitClaimUpdate,
  withdrawClaimUpdate,
} from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { claimContentProblem, numberLines } from '../../../../libs/domain/src/reimbursement/claim-lines';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { hashRequest, IdempotencyKeyRepository } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { MandateRepository } from '../../../../libs/persistence/src/repositories/mandate.repository';
import { CURSORS, decodeCursor } from '../../../../libs/persistence/src/pagination';
import { ClaimRepository } from '../../../../libs/persistence/src/repositories/claim.repository';
import type { Principal } from '../../../../libs/auth/src/principal';
import { readersOf } from '../access/need-to-know';
import { refusalError } from '../../../../libs/temporal/src/temporal-errors';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import { DEFAULT_PAGE_SIZE } from '../common/page-query.dto';
import type { RequestContext } from '../common/request-context';
import { ClaimContentDto, ListClaimsQueryDto, StartClaimDto, WithdrawClaimDto } from './claim.dto';

/** Reimbursement claims through the API. The rules live in the claim's workflow (libs/domain/src/reimbursement). */
@Injectable()
export class ClaimService {
  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly mandates: MandateRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly config: AppConfig,
    private readonly claims: ClaimRepository,
  ) {}

  /** The claims the caller's organisation is party to; none for a role without a need to know of claims. */
  async list(p: Principal, query: ListClaimsQueryDto) {
    if (!readersOf(CLAIM_CASE_TYPE).some((r) => p.roles.includes(r))) {
      // Still a cursor of this list or none: the same 400 for everyone.
      if (query.cursor) decodeCursor(CURSORS.claims, query.cursor);
      return { items: [], nextCursor: null };
    }
    const page = await this.claims.list({ partyOrg: p.organisationCode, status: query.status, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return {
      items: page.items.map((r) => ({ ...r, openedAt: r.openedAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }

  /** SLSO opens a draft claim under a mandate it is the payee of. */
  async start(ctx: RequestContext, dto: StartClaimDto, key: string) {
    const found = await this.mandates.find(dto.mandateId);
    if (!found) throw new DomainError(DomainErrorCode.UnknownOrganisation, `mandate ${dto.mandateId} not found`, { field: 'mandateId' });
    const mandate: MandateRef = { id: found.id, reference: found.reference, validFrom: found.validFrom, validTo: found.validTo, payerOrg: found.payerOrg, payeeOrg: found.payeeOrg, ceilingOre: found.ceilingOre };
    if (mandate.payeeOrg !== ctx.principal.organisationCode) {
      throw new DomainError(DomainErrorCode.Forbidden, `only ${mandate.payeeOrg} claims under ${mandate.reference}`);
    }
    // The same rule the claim's workflow applies to every later edit and amendment.
    const lines = numberLines(dto.lines);
    const problem = claimContentProblem(mandate, dto.periodFrom, dto.periodTo, lines);
    if (problem) throw refusalError(problem);
    const claim = await this.idempotencyKeys.claim(`claim:start:${ctx.principal.organisationCode}`, key, hashRequest(dto));
    ctx.audit.caseId = claim.resourceId;
    const c = this.config;
    const input: ClaimInput = {
      claimId: claim.resourceId,
      mandate,
      periodFrom: dto.periodFrom,
      periodTo: dto.periodTo,
      lines,
      openedBy: actorOf(ctx.principal),
      requestId: ctx.requestId,
      policy: {
        reviewDueMs: durationMs(c.REIMBURSEMENT_REVIEW_DUE),
        reviewReminderBeforeMs: durationMs(c.REIMBURSEMENT_REVIEW_REMINDER_BEFORE),
        amendDueMs: durationMs(c.REIMBURSEMENT_AMEND_DUE),
        paymentDueMs: durationMs(c.REIMBURSEMENT_PAYMENT_DUE),
        escalationDueMs: durationMs(c.REIMBURSEMENT_ESCALATION_DUE),
        secondApprovalThresholdOre: c.REIMBURSEMENT_SECOND_APPROVAL_THRESHOLD_ORE,
      },
    };
    const state = await this.workflows.startWithUpdate<object, ClaimState>(
      ctx,
      { workflowType: CLAIM_WORKFLOW_TYPE, workflowId: claimWorkflowId(claim.resourceId), input, what: 'claim', rejectDuplicate: true },
      claimOpenedUpdate,
      undefined,
      `opened-${claim.resourceId}`,
    );
    return { claimId: claim.resourceId, replayed: claim.replayed, state };
  }

  /** The claim for its parties (SLSO, HSF, HSF finance); anyone else gets 404. */
  async state(ctx: RequestContext, claimId: string): Promise<ClaimState> {
    return this.workflows.query(await this.claim(ctx, claimId), claimStateQuery);
  }

  async editDraft(ctx: RequestContext, claimId: string, dto: ClaimContentDto) {
    const c = await this.claim(ctx, claimId);
    return this.workflows.update(ctx, c, editDraftUpdate, { by: actorOf(ctx.principal), periodFrom: dto.periodFrom, periodTo: dto.periodTo, lines: numberLines(dto.lines) });
  }

  async submit(ctx: RequestContext, claimId: string) {
    return this.workflows.update(ctx, await this.claim(ctx, claimId), submitClaimUpdate, { by: actorOf(ctx.principal) });
  }

  async withdraw(ctx: RequestContext, claimId: string, dto: WithdrawClaimDto) {
    return this.workflows.update(ctx, await this.claim(ctx, claimId), withdrawClaimUpdate, { by: actorOf(ctx.principal), reason: dto.reason });
  }

  private claim(ctx: RequestContext, claimId: string) {
    return this.access.requireCase(ctx, claimId, { caseType: CLAIM_CASE_TYPE, what: 'claim' });
  }
}
