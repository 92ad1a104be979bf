/**
 * The HSN–SLSO support agreement (HSN 2020-1821) and its yearly compensation: one long-running workflow that
 * continues as new each year. Decisions by HSN and SLSO arrive in any order; payments are tasks for HSF finance,
 * booked in the ledger; either party can give notice.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';

export const AGREEMENT_CASE_TYPE = 'support_agreement';
export const AGREEMENT_WORKFLOW_TYPE = 'supportAgreementWorkflow';
export const AGREEMENT_REFERENCE = 'HSN 2020-1821';
/** One agreement per deployment, identified by its mandate record (whose ledger it books in). */
export const agreementWorkflowId = (mandateId: string) => `support-agreement-${mandateId}`;

export interface Signatory {
  name: string;
  role: 'director_of_health_care' | 'department_head';
  /** A registered delegation; required of a department head. */
  delegationReference?: string;
}

export interface AgreementDecision {
  organisationCode: 'HSN' | 'SLSO';
  decidedOn: string;
  reference: string;
  by: TaskActor;
  /** HSN's signatory (checked against the register of delegations before it reaches the workflow). */
  signatory?: Signatory;
}

export interface AgreementPolicy {
  instalmentPlan: 'yearly' | 'quarterly';
  noticePeriodDays: number;
  paymentDueMs: number;
  lpikDueMs: number;
}

export interface YearRecord {
  year: number;
  amountKr: number;
  lpikHundredths: number | null;
  payments: { instalment: number; dueOn: string; amountOre: number; paymentReference?: string; paidOn?: string }[];
}

export interface AgreementInput {
  /** The agreement's mandate id, which is also its case id. */
  mandateId: string;
  policy: AgreementPolicy;
  /** Carried across continue-as-new. */
  carried?: {
    decisions: { HSN?: AgreementDecision; SLSO?: AgreementDecision };
    years: YearRecord[];
    notice?: { by: TaskActor; givenOn: string; endsOn: string };
    version: number;
  };
}

export type AgreementStatus = 'awaiting_decisions' | 'in_effect' | 'terminating' | 'ended';

export interface AgreementState {
  mandateId: string;
  status: AgreementStatus;
  decisions: { HSN?: AgreementDecision; SLSO?: AgreementDecision };
  effectiveDate?: string;
  years: YearRecord[];
  /** The year this run is handling. */
  currentYear?: number;
  waitingFor?: string;
  notice?: { by: TaskActor; givenOn: string; endsOn: string };
  version: number;
}

export const recordAgreementDecisionUpdate = defineUpdate<AgreementState, [AgreementDecision]>('recordAgreementDecision');
export const giveNoticeUpdate = defineUpdate<AgreementState, [{ by: TaskActor; givenOn: string }]>('giveNotice');
/** An LPIK value was registered through the API: the workflow looks again if it waits for it. */
export const lpikRegisteredSignal = defineSignal<[number]>('lpikRegistered');
export const agreementStateQuery = defineQuery<AgreementState>('agreementState');

export const AGREEMENT_TASK_KINDS = {
  registerLpik: 'agreement.register_lpik',
  payment: 'agreement.payment',
} as const;

export interface SupportAgreementActivities {
  /** LPIK excl. pharmaceuticals for `year` in hundredths of a percent, or null if not registered. */
  lpikFor(year: number): Promise<number | null>;
  /** Registers a year's LPIK once (the first registration stands); returns the stored value. */
  registerLpik(input: { year: number; hundredths: number; by: TaskActor }): Promise<number>;
  /** Books an instalment as approved (owed) and, with a reference, as paid; each at most once. */
  bookAgreementPayment(input: {
    mandateId: string;
    agreementId: string;
    year: number;
    instalment: number;
    amountOre: number;
    paymentReference?: string;
    by: TaskActor;
  }): Promise<void>;
}
