import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '../../../../libs/auth/src/principal';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  AGREEMENT_REFERENCE,
  AGREEMENT_WORKFLOW_TYPE,
  AgreementDecision,
  AgreementInput,
  AgreementState,
  agreementStateQuery,
  agreementWorkflowId,
  giveNoticeUpdate,
  lpikRegisteredSignal,
  recordAgreementDecisionUpdate,
} from '../../../../libs/contracts/src/support-agreement.contract';
import { agreementDecisionProblem } from '../../../../libs/domain/src/coordination/agreement.rules';
import { LPIK_BOUNDS_HUNDREDTHS, LPIK_YEARS, percentToHundredths } from '../../../../libs/domain/src/coordination/support-agreement';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { LpikRepository } from '../../../../libs/persistence/src/repositories/lpik.repository';
import { MandateRepository } from '../../../../libs/persistence/src/repositories/mandate.repository';
import { SigningDelegationRepository } from '../../../../libs/persistence/src/repositories/signing-delegation.repository';
import { refusalError } from '../../../../libs/temporal/src/temporal-errors';
import { AccessService } from '../access/access.service';
import { CaseWorkflows } from '../access/case-workflows';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';
import { AgreementDecisionDto, AgreementNoticeDto } from './agreement.dto';

/** The HSN–SLSO support agreement through the API. Its rules live in its workflow (libs/domain/src/coordination). */
@Injectable()
export class AgreementService {
  constructor(
    private readonly access: AccessService,
    private readonly workflows: CaseWorkflows,
    private readonly mandates: MandateRepository,
    private readonly lpik: LpikRepository,
    private readonly delegations: SigningDelegationRepository,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  private async mandate() {
    const m = await this.mandates.findByReference(AGREEMENT_REFERENCE);
    if (!m) throw new DomainError(DomainErrorCode.NotFound, `${AGREEMENT_REFERENCE} is not registered`);
    return m;
  }

  /**
   * HSN's or SLSO's decision on the agreement, in any order. HSN's is signed by the director of health care, or
   * by a department head holding a delegation registered and valid on the decision date.
   */
  async decide(ctx: RequestContext, dto: AgreementDecisionDto): Promise<AgreementState> {
    const decision = {
      organisationCode: ctx.principal.organisationCode as AgreementDecision['organisationCode'],
      decidedOn: dto.decidedOn,
      reference: dto.reference,
      by: actorOf(ctx.principal),
      ...(dto.signatory ? { signatory: dto.signatory } : {}),
    };
    // The same rule the agreement's workflow applies; checked first so nothing starts for a refused decision.
    const problem = agreementDecisionProblem(decision);
    if (problem) throw refusalError(problem);
    if (dto.signatory?.role === 'department_head') {
      const reference = dto.signatory.delegationReference;
      if (!reference || !(await this.delegations.validOn(reference, AGREEMENT_REFERENCE, dto.decidedOn))) {
        throw new DomainError(DomainErrorCode.Forbidden, 'a department head signs only with a registered delegation valid on the decision date', {
          field: 'signatory.delegationReference',
        });
      }
    }
    const m = await this.mandate();
    ctx.audit.caseId = m.id;
    const c = this.config;
    const input: AgreementInput = {
      mandate: { id: m.id, reference: m.reference, payerOrg: m.payerOrg, payeeOrg: m.payeeOrg },
      policy: {
        instalmentPlan: c.AGREEMENT_INSTALMENT_PLAN,
        noticePeriodDays: c.AGREEMENT_NOTICE_PERIOD_DAYS,
        paymentDueMs: durationMs(c.AGREEMENT_PAYMENT_DUE),
        lpikDueMs: durationMs(c.AGREEMENT_PAYMENT_DUE),
        lpikBasis: c.AGREEMENT_LPIK_BASIS,
      },
    };
    const state = await this.workflows.startWithUpdate(
      ctx,
      { workflowType: AGREEMENT_WORKFLOW_TYPE, workflowId: agreementWorkflowId(m.id), input, what: 'agreement' },
      recordAgreementDecisionUpdate,
      decision,
    );
    return state as AgreementState;
  }

  async state(ctx: RequestContext): Promise<AgreementState> {
    return this.workflows.query(await this.agreement(ctx), agreementStateQuery);
  }

  async giveNotice(ctx: RequestContext, dto: AgreementNoticeDto): Promise<AgreementState> {
    return this.workflows.update(ctx, await this.agreement(ctx), giveNoticeUpdate, { by: actorOf(ctx.principal), givenOn: dto.givenOn });
  }

  listLpik() {
    return this.lpik.list();
  }

  /** HSF registers a year's LPIK once; a case waiting for that year is told at once. */
  async registerLpik(ctx: RequestContext, year: number, percent: number) {
    const hundredths = lpikValue(year, percent);
    const stored = await this.lpik.register(year, hundredths, ctx.principal.personId);
    if (stored.percentHundredths !== hundredths) {
      throw new DomainError(DomainErrorCode.Conflict, `LPIK ${year} is already registered as ${stored.percentHundredths / 100} %: a wrong value is corrected (POST …/corrections)`);
    }
    await this.workflows.referenceRegistered({ kind: 'lpik', year });
    // An agreement started before the case runtime listens for its own signal.
    await this.workflows.signal(agreementWorkflowId((await this.mandate()).id), lpikRegisteredSignal, year);
    return { year, percent: stored.percentHundredths / 100, registeredBy: stored.registeredBy };
  }

  /**
   * HSF corrects a registered year's LPIK: the old and new value and the reason go in the same transaction's audit
   * row. Instalments already computed keep the index they were computed with.
   */
  async correctLpik(ctx: RequestContext, year: number, percent: number, reason: string) {
    const hundredths = lpikValue(year, percent);
    return this.dataSource.transaction(async (em) => {
      const corrected = await this.lpik.correct(year, hundredths, ctx.principal.personId, em);
      if (!corrected) throw new DomainError(DomainErrorCode.NotFound, `no LPIK is registered for ${year}: register it instead`, { field: 'year' });
      if (corrected.before.percentHundredths === hundredths) {
        throw new DomainError(DomainErrorCode.Conflict, `LPIK ${year} is already ${percent} %`, { field: 'percent' });
      }
      await auditInTransaction(this.audit, em, ctx, 'lpik.correct', { year, fromHundredths: corrected.before.percentHundredths, toHundredths: hundredths, reason });
      return { year, percent: hundredths / 100, registeredBy: corrected.after.registeredBy, correctedBy: corrected.after.correctedBy, correctedAt: corrected.after.correctedAt };
    });
  }

  private async agreement(ctx: RequestContext) {
    return this.access.requireCase(ctx, (await this.mandate()).id, { what: 'agreement' });
  }
}

/** A year's LPIK in hundredths of a percent, or a 400 naming the field. */
function lpikValue(year: number, percent: number): number {
  if (!Number.isInteger(year) || year < LPIK_YEARS.from || year > LPIK_YEARS.to) {
    throw new DomainError(DomainErrorCode.InvalidInput, `year must be ${LPIK_YEARS.from}–${LPIK_YEARS.to}`, { field: 'year' });
  }
  const hundredths = percentToHundredths(percent);
  if (hundredths === null) {
    const [min, max] = [LPIK_BOUNDS_HUNDREDTHS.min / 100, LPIK_BOUNDS_HUNDREDTHS.max / 100];
    throw new DomainError(DomainErrorCode.InvalidInput, `percent must have at most two decimals, between ${min} and ${max}`, { field: 'percent' });
  }
  return hundredths;
}
