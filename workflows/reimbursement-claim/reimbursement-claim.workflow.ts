/**
 * HSF's reimbursement of SLSO's extra costs under a mandate (HDIR 20348), one workflow per claim:
 *
 * 1. SLSO opens a draft claim for a period with cost lines, edits it, and submits it: that revision is frozen.
 * 2. HSF reviews (with what the mandate has already reimbursed): approve, approve in part (a reason for every
 *    reduction), reject, or send back to SLSO, whose amendment is a new revision that goes to review again.
 *    HSF gets a reminder before the review falls due and its coordinator an escalation after it.
 * 3. Four eyes: the submitter never approves; above a threshold a second HSF approver must confirm.
 * 4. An approval is booked in the ledger with its step, never over the mandate's ceiling (a refused approval
 *    changes nothing); HSF finance pays, and the payment is booked too. Bookings are keyed: nothing books twice.
 * 5. SLSO may withdraw the claim before approval.
 *
 * The rules are in libs/domain/src/reimbursement; deadlines, escalation, projection and closing are the runtime's.
 */
import { DATE, object, text } from '../../libs/contracts/src/answer-schema';
import {
  CLAIM_CASE_TYPE,
  CLAIM_TASK_KINDS as KIND,
  ClaimInput,
  claimOpenedUpdate,
  ClaimState,
  claimStateQuery,
  COST_CATEGORIES,
  editDraftUpdate,
  MandateTotals,
  submitClaimUpdate,
  withdrawClaimUpdate,
} from '../../libs/contracts/src/reimbursement-claim.contract';
import * as rules from '../../libs/domain/src/reimbursement/claim.rules';
import type { Claim } from '../../libs/domain/src/reimbursement/claim.types';
import { CaseRuntime, reads } from '../shared/case-runtime';

const LINE = object(
  { date: DATE, category: { type: 'string', enum: [...COST_CATEGORIES] }, description: text(500), amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000_000 }, documentRef: text(200) },
  ['date', 'category', 'description', 'amountOre', 'documentRef'],
);
const DECIDED_LINE = object({ lineNo: { type: 'integer', minimum: 1 }, approvedOre: { type: 'integer', minimum: 0 }, reason: text(1000) }, ['lineNo', 'approvedOre']);
const SCHEMAS = {
  review: object(
    { decision: { type: 'string', enum: ['approve', 'approve_in_part', 'reject', 'send_back'] }, lines: { type: 'array', maxItems: 500, items: DECIDED_LINE }, reason: text(2000), comment: text(2000) },
    ['decision'],
  ),
  secondApproval: object({ decision: { type: 'string', enum: ['approve', 'reject'] }, reason: text(2000) }, ['decision']),
  amend: object({ lines: { type: 'array', minItems: 1, maxItems: 500, items: LINE }, comment: text(2000) }, ['lines']),
  payment: object({ paymentReference: text(100), paidOn: DATE }, ['paymentReference', 'paidOn']),
};

export async function reimbursementClaimV2(input: ClaimInput): Promise<ClaimState> {
  const { mandate, policy } = input;
  const opening = rules.openClaim(input, new Date().toISOString());
  const rt = new CaseRuntime<Claim>({
    caseType: CLAIM_CASE_TYPE,
    caseId: input.claimId,
    initial: opening.state,
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: rules.claimParties,
    summary: rules.claimListSummary,
    processProjections: (s, version) => [{ kind: 'claim', claim: { ...s, version } }],
    ended: (s) => rules.claimClosedReason(s) !== null,
    waitingFor: (s) => (s.status === 'draft' ? { what: 'request', description: `${mandate.payeeOrg} to submit the claim`, until: null } : null),
    escalation: {
      kind: KIND.escalation,
      dueInMs: policy.escalationDueMs,
      to: (t, level) => (level === 1 ? { org: t.assignedOrg, role: 'coordinator' } : null),
      context: (s) => ({ claimId: s.claimId }),
      overdueEvent: 'review_overdue',
    },
    maxHistoryLength: policy.maxHistoryLength,
  });
  const revision = () => rules.currentRevision(rt.state);
  const pending = () => rt.state.pendingApproval?.lines ?? [];
  /** The review shows what the mandate has already reimbursed. */
  const openReview = async () => rt.openTask(KIND.review, { reimbursed: await reads.mandateTotals(mandate.id) });
  const next = (status: Claim['status'], comment?: string) => {
    if (status === 'sent_back') rt.openTask(KIND.amend, { comment });
    if (status === 'awaiting_second_approval') rt.openTask(KIND.secondApproval, {});
    if (status === 'approved') rt.openTask(KIND.payment, {});
  };

  rt.tasks({
    [KIND.review]: ({ reimbursed }: { reimbursed: MandateTotals }) => ({
      assignedOrg: mandate.payerOrg,
      requiredRole: 'approver',
      dueInMs: policy.reviewDueMs,
      input: { claimId: input.claimId, mandate, revision: revision().revision, periodFrom: revision().periodFrom, periodTo: revision().periodTo, lines: revision().lines, claimedOre: rules.claimedOre(revision().lines), alreadyReimbursedUnderMandate: reimbursed },
      answerSchema: SCHEMAS.review,
      allowed: rules.notTheSubmitter,
      decide: (s, d, by, now) => rules.reviewClaim(s, d, by, now, policy),
      then: (d) => next(rt.state.status, d.comment),
      escalate: true,
      reminder: { beforeDueMs: policy.reviewReminderBeforeMs, kind: KIND.reminder, event: 'review_reminder', input: { claimId: input.claimId, note: 'The review of this claim falls due soon.' } },
    }),
    [KIND.secondApproval]: () => ({
      assignedOrg: mandate.payerOrg,
      requiredRole: 'approver',
      dueInMs: policy.reviewDueMs,
      input: { claimId: input.claimId, mandate, revision: revision().revision, lines: revision().lines, approved: pending(), approvedOre: pending().reduce((n, l) => n + l.approvedOre, 0), firstApprover: rt.state.pendingApproval?.first.actor },
      answerSchema: SCHEMAS.secondApproval,
      allowed: rules.secondApproverProblem,
      decide: rules.secondApproval,
      then: () => next(rt.state.status),
      escalate: true,
    }),
    [KIND.amend]: ({ comment }: { comment: string }) => ({
      assignedOrg: mandate.payeeOrg,
      requiredRole: 'case_handler',
      dueInMs: policy.amendDueMs,
      input: { claimId: input.claimId, comment, revision: revision().revision, periodFrom: revision().periodFrom, periodTo: revision().periodTo, lines: revision().lines },
      answerSchema: SCHEMAS.amend,
      decide: rules.amendClaim,
      then: openReview,
      result: (s) => ({ revision: rules.currentRevision(s).revision }),
    }),
    [KIND.payment]: () => ({
      assignedOrg: 'HSF-FIN',
      requiredRole: 'finance',
      dueInMs: policy.paymentDueMs,
      input: { claimId: input.claimId, payee: mandate.payeeOrg, mandate: mandate.reference, mandateId: mandate.id, amountOre: rt.state.approval?.totalOre, approved: rt.state.approval?.lines },
      answerSchema: SCHEMAS.payment,
      decide: rules.payClaim,
      escalate: true,
      result: (s) => ({ paidOre: s.payment?.amountOre }),
    }),
  });

  rt.openedUpdate(claimOpenedUpdate, input.requestId);
  rt.query(claimStateQuery, (view) => view);
  rt.command(editDraftUpdate, { decide: (s, cmd) => rules.editDraft(s, cmd), by: (cmd) => cmd.by, audit: 'claim.edit_draft' });
  rt.command(submitClaimUpdate, { decide: (s, cmd) => rules.submitClaim(s, cmd.by, rt.now()), by: (cmd) => cmd.by, audit: 'claim.submit', then: openReview });
  rt.command(withdrawClaimUpdate, { decide: (s, cmd) => rules.withdrawClaim(s, cmd, rt.now()), by: (cmd) => cmd.by, audit: 'claim.withdraw', then: () => rt.cancelAll('claim withdrawn') });

  return rt.run(() => {
    rt.apply(opening);
    rt.auditRequest('claim.open', input.openedBy, input.requestId);
  });
}
