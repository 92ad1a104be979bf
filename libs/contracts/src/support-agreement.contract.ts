/**
 * The HSN–SLSO support agreement (HSN 2020-1821) and its yearly compensation: one long-running workflow.
 * Decisions by HSN and SLSO arrive in any order; payments are tasks for HSF finance, booked in the ledger; either
 * party can give notice.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Agreement, AgreementDecision, AgreementMandate, AgreementPolicy, GiveNotice } from '../../domain/src/coordination/agreement.types';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export type { Agreement, AgreementDecision, AgreementMandate, AgreementPolicy, AgreementStatus, GiveNotice, Signatory, YearRecord } from '../../domain/src/coordination/agreement.types';

export const AGREEMENT_CASE_TYPE = 'support_agreement';
/** V2 runs on the shared case runtime; `supportAgreementWorkflow` (workflows/legacy) keeps its case in flight. */
export const AGREEMENT_WORKFLOW_TYPE = 'supportAgreementV2';
export const AGREEMENT_REFERENCE = 'HSN 2020-1821';
/** One agreement per deployment, identified by its mandate record (whose ledger it books in). */
export const agreementWorkflowId = (mandateId: string) => `support-agreement-${mandateId}`;

export interface AgreementInput {
  /** The agreement's mandate, whose id is also its case id. */
  mandate: AgreementMandate;
  policy: AgreementPolicy & { maxHistoryLength?: number };
  carried?: CaseCarry<Agreement>;
}

/** What the state query and every request answer with. */
export type AgreementState = Agreement & CaseRuntimeView;

type Audited<C> = C & { requestId?: string };

export const recordAgreementDecisionUpdate = defineUpdate<CommandResult<AgreementState>, [Audited<AgreementDecision>]>('recordAgreementDecision');
export const giveNoticeUpdate = defineUpdate<CommandResult<AgreementState>, [Audited<GiveNotice>]>('giveNotice');
/** The legacy workflow's own wake-up when LPIK is registered (V2 cases use referenceRegistered). */
export const lpikRegisteredSignal = defineSignal<[number]>('lpikRegistered');
export const agreementStateQuery = defineQuery<AgreementState>('agreementState');

export const AGREEMENT_TASK_KINDS = {
  registerLpik: 'agreement.register_lpik',
  payment: 'agreement.payment',
} as const;
