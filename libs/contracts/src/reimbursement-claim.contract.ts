/**
 * HSF's reimbursement of SLSO's extra costs under a mandate (e.g. HDIR 20348): one workflow per claim.
 * Draft → submitted (frozen revision) → review by HSF (approve, approve in part, reject, send back) → a second
 * HSF approver above a threshold → payment by HSF finance, booked in the ledger. SLSO may withdraw before
 * approval.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/src/case/case';
import type { Claim, ClaimPolicy, CostLine, EditDraft, MandateRef, SubmitClaim, WithdrawClaim } from '../../domain/src/reimbursement/claim.types';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export { COST_CATEGORIES } from '../../domain/src/reimbursement/claim.types';
export type {
  AmendDecision,
  Claim,
  ClaimPolicy,
  ClaimRevision,
  ClaimStatus,
  CostCategory,
  CostLine,
  EditDraft,
  LineDecision,
  MandateRef,
  PaymentDecision,
  ReviewDecision,
  ReviewRecord,
  SecondApprovalDecision,
  SubmitClaim,
  WithdrawClaim,
} from '../../domain/src/reimbursement/claim.types';
export type { MandateTotals } from './case-runtime.contract';

export const CLAIM_CASE_TYPE = 'reimbursement_claim';
/** V2 runs on the shared case runtime; `reimbursementClaimWorkflow` (workflows/legacy) keeps its cases in flight. */
export const CLAIM_WORKFLOW_TYPE = 'reimbursementClaimV2';
export const claimWorkflowId = (claimId: string) => `reimbursement-claim-${claimId}`;

export interface ClaimInput {
  claimId: string;
  mandate: MandateRef;
  periodFrom: string;
  periodTo: string;
  lines: CostLine[];
  openedBy: Actor;
  /** The opening request, whose audit row the opening step writes. */
  requestId?: string;
  policy: ClaimPolicy & { maxHistoryLength?: number };
  carried?: CaseCarry<Claim>;
}

/** What the state query and every request answer with. */
export type ClaimState = Claim & CaseRuntimeView;

export const CLAIM_TASK_KINDS = {
  review: 'reimbursement.review',
  secondApproval: 'reimbursement.second_approval',
  amend: 'reimbursement.amend',
  reminder: 'reimbursement.review_reminder',
  escalation: 'reimbursement.review_escalation',
  payment: 'reimbursement.payment',
} as const;

type Audited<C> = C & { requestId?: string };
type Answer = CommandResult<ClaimState>;

export const editDraftUpdate = defineUpdate<Answer, [Audited<EditDraft>]>('editDraft');
export const submitClaimUpdate = defineUpdate<Answer, [Audited<SubmitClaim>]>('submitClaim');
export const withdrawClaimUpdate = defineUpdate<Answer, [Audited<WithdrawClaim>]>('withdrawClaim');
export const claimOpenedUpdate = defineUpdate<Answer>('claimOpened');
export const claimStateQuery = defineQuery<ClaimState>('claimState');

/** ApplicationFailure type the legacy workflow uses when an approval would pass the mandate's ceiling. */
export const CEILING_EXCEEDED = 'CeilingExceeded';
