import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  AGREEMENT_REFERENCE,
  AGREEMENT_WORKFLOW_TYPE,
  AgreementInput,
  AgreementState,
  agreementStateQuery,
  agreementWorkflowId,
  giveNoticeUpdate,
  lpikRegisteredSignal,
  recordAgreementDecisionUpdate,
} from '../../../../libs/contracts/src/support-agreement.contract';
import { percentToHundredths } from '../../../../libs/domain/src/coordination/support-agreement';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { LpikRepository } from '../../../../libs/persistence/src/repositories/lpik.repository';
import { MandateRepository } from '../../../../libs/persistence/src/repositories/mandate.repository';
import { SigningDelegationRepository } from '../../../../libs/persistence/src/repositories/signing-delegation.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import type { RequestContext } from '../common/request-context';
import { AgreementDecisionDto, AgreementNoticeDto } from './agreement.dto';

const PARTIES = ['HSN', 'SLSO', 'HSF', 'HSF-FIN'];

@Injectable()
export class AgreementService {
  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly mandates: MandateRepository,
    private readonly lpik: LpikRepository,
    private readonly delegations: SigningDelegationRepository,
    private readonly config: AppConfig,
  ) {}

  private async mandateId(): Promise<string> {
    const m = await this.mandates.findByReference(AGREEMENT_REFERENCE);
    if (!m) throw new DomainError(DomainErrorCode.NotFound, `${AGREEMENT_REFERENCE} is not registered`);
    return m.id;
  }

  /**
   * HSN's or SLSO's decision on the agreement, in any order. HSN's is signed by the director of health care, or
   * by a department head holding a registered delegation; a signature without one is refused.
   */
  async decide(ctx: RequestContext, dto: AgreementDecisionDto): Promise<AgreementState> {
    const org = ctx.principal.organisationCode;
    if (org !== 'HSN' && org !== 'SLSO') throw new DomainError(DomainErrorCode.Forbidden, 'only HSN and SLSO decide on the agreement');
    if (org === 'HSN') {
      if (!dto.signatory) throw new DomainError(DomainErrorCode.InvalidInput, "HSN's decision needs its signatory", { field: 'signatory' });
      if (dto.signatory.role === 'department_head') {
        const reference = dto.signatory.delegationReference;
        const delegation = reference ? await this.delegations.validOn(reference, AGREEMENT_REFERENCE, dto.decidedOn) : null;
        if (!delegation) {
          throw new DomainError(DomainErrorCode.Forbidden, 'a department head signs only with a registered delegation valid on the decision date', {
            field: 'signatory.delegationReference',
          });
        }
      }
    }
    const mandateId = await this.mandateId();
    ctx.audit.caseId = mandateId;
    const c = this.config;
    const input: AgreementInput = {
      mandateId,
      policy: {
        instalmentPlan: c.AGREEMENT_INSTALMENT_PLAN,
        noticePeriodDays: c.AGREEMENT_NOTICE_PERIOD_DAYS,
        paymentDueMs: durationMs(c.AGREEMENT_PAYMENT_DUE),
        lpikDueMs: durationMs(c.AGREEMENT_PAYMENT_DUE),
      },
    };
    try {
      return await this.temporal.client.workflow.executeUpdateWithStart(recordAgreementDecisionUpdate, {
        args: [{ organisationCode: org, decidedOn: dto.decidedOn, reference: dto.reference, by: actorOf(ctx.principal), ...(dto.signatory ? { signatory: dto.signatory } : {}) }],
        startWorkflowOperation: new WithStartWorkflowOperation(AGREEMENT_WORKFLOW_TYPE, {
          taskQueue: this.temporal.taskQueue,
          workflowId: agreementWorkflowId(mandateId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(DomainErrorCode.Conflict, 'the agreement has ended');
      throw toDomainError(err, 'agreement');
    }
  }

  async state(ctx: RequestContext): Promise<AgreementState> {
    if (!PARTIES.includes(ctx.principal.organisationCode)) throw new DomainError(DomainErrorCode.NotFound, 'agreement not found');
    const mandateId = await this.mandateId();
    try {
      return await this.temporal.client.workflow.getHandle(agreementWorkflowId(mandateId)).query(agreementStateQuery);
    } catch (err) {
      throw toDomainError(err, 'agreement (no decision recorded yet)');
    }
  }

  async giveNotice(ctx: RequestContext, dto: AgreementNoticeDto): Promise<AgreementState> {
    const org = ctx.principal.organisationCode;
    if (org !== 'HSN' && org !== 'SLSO') throw new DomainError(DomainErrorCode.Forbidden, 'only HSN and SLSO can give notice');
    const mandateId = await this.mandateId();
    ctx.audit.caseId = mandateId;
    try {
      return await this.temporal.client.workflow
        .getHandle(agreementWorkflowId(mandateId))
        .executeUpdate(giveNoticeUpdate, { args: [{ by: actorOf(ctx.principal), givenOn: dto.givenOn }] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new DomainError(DomainErrorCode.Conflict, 'the agreement is not in effect');
      throw toDomainError(err, 'agreement');
    }
  }

  listLpik() {
    return this.lpik.list();
  }

  /** HSF registers a year's LPIK once; the agreement, if it waits for that year, is told at once. */
  async registerLpik(ctx: RequestContext, year: number, percent: number) {
    if (ctx.principal.organisationCode !== 'HSF') throw new DomainError(DomainErrorCode.Forbidden, 'LPIK is registered by HSF');
    if (!Number.isInteger(year) || year < 2021 || year > 2100) throw new DomainError(DomainErrorCode.InvalidInput, 'year must be 2021–2100', { field: 'year' });
    const hundredths = percentToHundredths(percent);
    if (hundredths === null) throw new DomainError(DomainErrorCode.InvalidInput, 'percent must have at most two decimals, between -50 and 50', { field: 'percent' });
    const stored = await this.lpik.register(year, hundredths, ctx.principal.personId);
    if (stored.percentHundredths !== hundredths) {
      throw new DomainError(DomainErrorCode.Conflict, `LPIK ${year} is already registered as ${stored.percentHundredths / 100} %`);
    }
    const mandateId = await this.mandateId();
    await this.temporal.client.workflow
      .getHandle(agreementWorkflowId(mandateId))
      .signal(lpikRegisteredSignal, year)
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err; // no agreement running: nothing waits for it
      });
    return { year, percent: stored.percentHundredths / 100, registeredBy: stored.registeredBy };
  }
}
