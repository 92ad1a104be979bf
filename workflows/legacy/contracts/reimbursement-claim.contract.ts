/**
 * HSF's reimbursement of SLSO's extra costs under a mandate (e.g. HDIR 20348): one workflow per claim.
 * Draft → submitted (frozen revision) → review by HSF (approve, approve in part, reject, send back) → a second
 * HSF approver above a threshold → payment by HSF finance, booked in the ledger. SLSO may withdraw before
 * approval.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseEvent } from './discharge-handover.contract';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';

export const CLAIM_CASE_TYPE = 'reimbursement_claim';
export const CLAIM_WORKFLOW_TYPE = 'reimbursementClaimWorkflow';
export const claimWorkflowId = (claimId: string) => `reimbursement-claim-${claimId}`;

export const COST_CATEGORIES = ['staff', 'premises', 'protective_equipment', 'it_and_communication', 'travel', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface CostLine {
  /** 1-based, stable within a revision. */
  lineNo: number;
  date: string;
  category: CostCategory;
  description: string;
  /** Positive integer öre. */
  amountOre: number;
  /** The supporting document (underlag). */
  documentRef: string;
}

export interface MandateRef {
  id: string;
  reference: string;
  validFrom: string;
  validTo: string;
  payerOrg: string;
  payeeOrg: string;
  ceilingOre: number | null;
}

export interface ClaimPolicy {
  reviewDueMs: number;
  /** How long before the review's due time HSF gets a reminder. */
  reviewReminderBeforeMs: number;
  amendDueMs: number;
  paymentDueMs: number;
  escalationDueMs: number;
  /** A claim whose approved total is above this needs a second HSF approver. */
  secondApprovalThresholdOre: number;
}

export interface ClaimInput {
  claimId: string;
  mandate: MandateRef;
  periodFrom: string;
  periodTo: string;
  lines: CostLine[];
  openedBy: TaskActor;
  policy: ClaimPolicy;
}

export type ClaimStatus = 'draft' | 'under_review' | 'sent_back' | 'awaiting_second_approval' | 'approved' | 'paid' | 'rejected' | 'withdrawn';

export interface LineDecision {
  lineNo: number;
  approvedOre: number;
  reason?: string;
}

export interface ReviewRecord {
  at: string;
  by: TaskActor;
  decision: ReviewDecision['decision'];
  comment?: string;
  reason?: string;
  lines?: LineDecision[];
}

export interface ClaimRevision {
  revision: number;
  periodFrom: string;
  periodTo: string;
  lines: CostLine[];
  createdAt: string;
  createdBy: TaskActor;
  submittedAt?: string;
  submittedBy?: TaskActor;
  reviews: ReviewRecord[];
}

export interface ClaimState {
  claimId: string;
  mandate: MandateRef;
  status: ClaimStatus;
  revisions: ClaimRevision[];
  /** Approved per line of the final revision, once approved. */
  approval?: { at: string; lines: LineDecision[]; totalOre: number; approvers: TaskActor[] };
  payment?: { paymentReference: string; paidOn: string; amountOre: number; by: TaskActor; at: string };
  rejection?: { reason: string; by: TaskActor; at: string };
  withdrawal?: { reason: string; by: TaskActor; at: string };
  version: number;
  events: CaseEvent[];
  openTasks: { taskId: string; kind: string; assignedOrg: string; dueAt: string }[];
}

export const CLAIM_TASK_KINDS = {
  review: 'reimbursement.review',
  secondApproval: 'reimbursement.second_approval',
  amend: 'reimbursement.amend',
  reminder: 'reimbursement.review_reminder',
  escalation: 'reimbursement.review_escalation',
  payment: 'reimbursement.payment',
} as const;

export interface ReviewDecision {
  decision: 'approve' | 'approve_in_part' | 'reject' | 'send_back';
  lines?: LineDecision[];
  reason?: string;
  comment?: string;
}
export interface SecondApprovalDecision {
  decision: 'approve' | 'reject';
  reason?: string;
}
export interface AmendDecision {
  lines: Omit<CostLine, 'lineNo'>[];
  comment?: string;
}
export interface PaymentDecision {
  paymentReference: string;
  paidOn: string;
}

export interface EditDraft {
  by: TaskActor;
  periodFrom: string;
  periodTo: string;
  lines: CostLine[];
}
export interface SubmitClaim {
  by: TaskActor;
}
export interface WithdrawClaim {
  by: TaskActor;
  reason: string;
}

export const editDraftUpdate = defineUpdate<ClaimState, [EditDraft]>('editDraft');
export const submitClaimUpdate = defineUpdate<ClaimState, [SubmitClaim]>('submitClaim');
export const withdrawClaimUpdate = defineUpdate<ClaimState, [WithdrawClaim]>('withdrawClaim');
export const claimOpenedUpdate = defineUpdate<ClaimState>('claimOpened');
export const claimStateQuery = defineQuery<ClaimState>('claimState');

/** ApplicationFailure type: the approval would take the mandate over its ceiling. */
export const CEILING_EXCEEDED = 'CeilingExceeded';

export interface MandateTotals {
  approvedOre: number;
  paidOre: number;
}

export interface ReimbursementActivities {
  mandateTotals(mandateId: string): Promise<MandateTotals>;
  projectClaim(state: ClaimState): Promise<void>;
  /** Books the approved amounts per category, at most once per claim, refusing to pass the mandate's ceiling. */
  bookApproval(input: { claimId: string; mandate: MandateRef; lines: CostLine[]; approved: LineDecision[]; by: TaskActor }): Promise<
    { booked: true } | { booked: false; reason: string }
  >;
  /** Books the payment per category, at most once per claim. */
  bookPayment(input: { claimId: string; mandate: MandateRef; paymentReference: string; by: TaskActor }): Promise<{ paidOre: number }>;
}
