/** HSF's reimbursement of SLSO's extra costs under a mandate (e.g. HDIR 20348): state, commands and answers. */
import type { Actor } from '../case/case';

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

export const CLAIM_STATUSES = ['draft', 'under_review', 'sent_back', 'awaiting_second_approval', 'approved', 'paid', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface LineDecision {
  lineNo: number;
  approvedOre: number;
  reason?: string;
}

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

export interface ReviewRecord {
  at: string;
  by: Actor;
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
  createdBy: Actor;
  submittedAt?: string;
  submittedBy?: Actor;
  reviews: ReviewRecord[];
}

export interface Claim {
  claimId: string;
  mandate: MandateRef;
  status: ClaimStatus;
  revisions: ClaimRevision[];
  /** A first approval above the threshold, waiting for the second approver. */
  pendingApproval?: { lines: LineDecision[]; first: Actor };
  /** Approved per line of the final revision, once approved. */
  approval?: { at: string; lines: LineDecision[]; totalOre: number; approvers: Actor[] };
  payment?: { paymentReference: string; paidOn: string; amountOre: number; by: Actor; at: string };
  rejection?: { reason: string; by: Actor; at: string };
  withdrawal?: { reason: string; by: Actor; at: string };
}

export interface EditDraft {
  by: Actor;
  periodFrom: string;
  periodTo: string;
  lines: CostLine[];
}
export interface SubmitClaim {
  by: Actor;
}
export interface WithdrawClaim {
  by: Actor;
  reason: string;
}
