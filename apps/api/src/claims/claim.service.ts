import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  CLAIM_WORKFLOW_TYPE,
  ClaimInput,
  ClaimState,
  claimOpenedUpdate,
  claimStateQuery,
  claimWorkflowId,
  CostLine,
  editDraftUpdate,
  MandateRef,
  submitClaimUpdate,
  withdrawClaimUpdate,
} from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { hashRequest, IdempotencyKeyRepository } from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { MandateRepository } from '../../../../libs/persistence/src/repositories/mandate.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import { linesOutside } from '../../../../libs/domain/src/reimbursement/claim-lines';
import type { RequestContext } from '../common/request-context';
import { ClaimContentDto, StartClaimDto, WithdrawClaimDto } from './claim.dto';

const parties = (m: MandateRef) => [m.payeeOrg, m.payerOrg, 'HSF-FIN'];

@Injectable()
export class ClaimService {
  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly mandates: MandateRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly config: AppConfig,
  ) {}

  /** SLSO opens a draft claim under a mandate it is the payee of. */
  async start(ctx: RequestContext, dto: StartClaimDto, key: string) {
    const mandate = await this.mandates.find(dto.mandateId);
    if (!mandate) throw new DomainError(DomainErrorCode.UnknownOrganisation, `mandate ${dto.mandateId} not found`, { field: 'mandateId' });
    if (mandate.payeeOrg !== ctx.principal.organisationCode) {
      throw new DomainError(DomainErrorCode.Forbidden, `only ${mandate.payeeOrg} claims under ${mandate.reference}`);
    }
    const lines = this.linesWithin(mandate, dto);
    const claim = await this.idempotencyKeys.claim(`claim:start:${ctx.principal.organisationCode}`, key, hashRequest(dto));
    ctx.audit.caseId = claim.resourceId;
    const c = this.config;
    const input: ClaimInput = {
      claimId: claim.resourceId,
      mandate: { id: mandate.id, reference: mandate.reference, validFrom: mandate.validFrom, validTo: mandate.validTo, payerOrg: mandate.payerOrg, payeeOrg: mandate.payeeOrg, ceilingOre: mandate.ceilingOre },
      periodFrom: dto.periodFrom,
      periodTo: dto.periodTo,
      lines,
      openedBy: actorOf(ctx.principal),
      policy: {
        reviewDueMs: durationMs(c.REIMBURSEMENT_REVIEW_DUE),
        reviewReminderBeforeMs: durationMs(c.REIMBURSEMENT_REVIEW_REMINDER_BEFORE),
        amendDueMs: durationMs(c.REIMBURSEMENT_AMEND_DUE),
        paymentDueMs: durationMs(c.REIMBURSEMENT_PAYMENT_DUE),
        escalationDueMs: durationMs(c.REIMBURSEMENT_ESCALATION_DUE),
        secondApprovalThresholdOre: c.REIMBURSEMENT_SECOND_APPROVAL_THRESHOLD_ORE,
      },
    };
    let state: ClaimState | undefined;
    try {
      state = await this.temporal.client.workflow.executeUpdateWithStart(claimOpenedUpdate, {
        updateId: `opened-${claim.resourceId}`,
        startWorkflowOperation: new WithStartWorkflowOperation(CLAIM_WORKFLOW_TYPE, {
          taskQueue: this.temporal.taskQueue,
          workflowId: claimWorkflowId(claim.resourceId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError)) throw toDomainError(err, 'claim');
    }
    return { claimId: claim.resourceId, replayed: claim.replayed, state };
  }

  state(ctx: RequestContext, claimId: string) {
    return this.read(ctx, claimId);
  }

  async editDraft(ctx: RequestContext, claimId: string, dto: ClaimContentDto) {
    const current = await this.read(ctx, claimId);
    const lines = this.linesWithin(current.mandate, dto);
    return this.change(claimId, current, () =>
      this.handle(claimId).executeUpdate(editDraftUpdate, { args: [{ by: actorOf(ctx.principal), periodFrom: dto.periodFrom, periodTo: dto.periodTo, lines }] }),
    );
  }

  async submit(ctx: RequestContext, claimId: string) {
    const current = await this.read(ctx, claimId);
    return this.change(claimId, current, () => this.handle(claimId).executeUpdate(submitClaimUpdate, { args: [{ by: actorOf(ctx.principal) }] }));
  }

  async withdraw(ctx: RequestContext, claimId: string, dto: WithdrawClaimDto) {
    const current = await this.read(ctx, claimId);
    return this.change(claimId, current, () =>
      this.handle(claimId).executeUpdate(withdrawClaimUpdate, { args: [{ by: actorOf(ctx.principal), reason: dto.reason }] }),
    );
  }

  /** Numbers the lines and refuses any dated outside the mandate's validity or the claimed period, naming it. */
  private linesWithin(mandate: MandateRef, dto: ClaimContentDto): CostLine[] {
    if (dto.periodTo < dto.periodFrom) throw new DomainError(DomainErrorCode.InvalidInput, 'periodTo is before periodFrom', { field: 'periodTo' });
    const lines = dto.lines.map((l, i) => ({ ...l, lineNo: i + 1 }));
    const outside = linesOutside(lines, [
      { from: mandate.validFrom, to: mandate.validTo, what: `the validity of ${mandate.reference}` },
      { from: dto.periodFrom, to: dto.periodTo, what: 'the claimed period' },
    ]);
    if (outside.length > 0) {
      const first = lines.find((l) => outside[0].startsWith(`line ${l.lineNo} `));
      throw new DomainError(DomainErrorCode.InvalidInput, outside.join('; '), { field: `lines[${(first?.lineNo ?? 1) - 1}].date`, problems: outside });
    }
    return lines;
  }

  private handle(claimId: string) {
    return this.temporal.client.workflow.getHandle(claimWorkflowId(claimId));
  }

  /** The claim for its parties (SLSO, HSF, HSF finance); anyone else gets 404. */
  private async read(ctx: RequestContext, claimId: string): Promise<ClaimState> {
    ctx.audit.caseId = claimId;
    let state: ClaimState;
    try {
      state = await this.handle(claimId).query(claimStateQuery);
    } catch (err) {
      throw toDomainError(err, `claim ${claimId}`);
    }
    if (!parties(state.mandate).includes(ctx.principal.organisationCode)) throw new DomainError(DomainErrorCode.NotFound, `claim ${claimId} not found`);
    return state;
  }

  /** Changes are SLSO's (the workflow checks it too); a closed claim answers 409. */
  private async change(claimId: string, current: ClaimState, run: () => Promise<ClaimState>): Promise<ClaimState> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(DomainErrorCode.Conflict, `the claim is ${current.status}`);
      throw toDomainError(err, `claim ${claimId}`);
    }
  }
}
