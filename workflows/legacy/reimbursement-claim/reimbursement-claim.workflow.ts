/**
 * HSF's reimbursement of SLSO's extra costs under a mandate (HDIR 20348), one workflow per claim:
 *
 * 1. SLSO opens a draft claim for a period with cost lines, edits it, and submits it: that revision is frozen.
 * 2. HSF reviews (with what the mandate has already reimbursed): approve, approve in part (a reason for every
 *    reduction), reject, or send back to SLSO, whose amendment is a new revision that goes to review again.
 *    The review is due after a configured time: HSF gets a reminder before it and its coordinator an
 *    escalation after it.
 * 3. Four eyes: the submitter never approves; above a threshold a second HSF approver must confirm.
 * 4. On approval the approved amounts are booked in the ledger (never over the mandate's ceiling) and HSF
 *    finance gets a payment task; its payment is booked too. Bookings are keyed, so nothing books twice.
 * 5. SLSO may withdraw the claim before approval; open tasks close as cancelled.
 */
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseProjectionActivities } from '../../../libs/contracts/src/case-projection.contract';
import { TaskActor, TaskRefusal } from '../../../libs/contracts/src/human-task.contract';
import {
  AmendDecision,
  CEILING_EXCEEDED,
  CLAIM_CASE_TYPE,
  CLAIM_TASK_KINDS as KIND,
  ClaimInput,
  ClaimRevision,
  ClaimState,
  ClaimStatus,
  claimOpenedUpdate,
  claimStateQuery,
  claimWorkflowId,
  CostLine,
  EditDraft,
  editDraftUpdate,
  LineDecision,
  PaymentDecision,
  ReimbursementActivities,
  ReviewDecision,
  SecondApprovalDecision,
  SubmitClaim,
  submitClaimUpdate,
  WithdrawClaim,
  withdrawClaimUpdate,
} from '../contracts/reimbursement-claim.contract';
import { HumanTasks, OpenTask } from '../shared/human-tasks';
import { linesOutside } from '../../../libs/domain/src/reimbursement/claim-lines';
import { checkReview, SCHEMAS } from './claim-tasks';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' };
const { projectCase } = proxyActivities<CaseProjectionActivities>({ startToCloseTimeout: '30 seconds', retry });
const claims = proxyActivities<ReimbursementActivities>({ startToCloseTimeout: '30 seconds', retry });

const CLOSED: ClaimStatus[] = ['paid', 'rejected', 'withdrawn'];
/** Before approval SLSO may still withdraw. */
const WITHDRAWABLE: ClaimStatus[] = ['draft', 'under_review', 'sent_back', 'awaiting_second_approval'];

export async function reimbursementClaimWorkflow(input: ClaimInput): Promise<ClaimState> {
  const { claimId, mandate, policy } = input;
  const state: ClaimState = {
    claimId,
    mandate,
    status: 'draft',
    revisions: [
      { revision: 1, periodFrom: input.periodFrom, periodTo: input.periodTo, lines: input.lines, createdAt: new Date().toISOString(), createdBy: input.openedBy, reviews: [] },
    ],
    version: 0,
    events: [],
    openTasks: [],
  };
  let opened = false;
  const current = (): ClaimRevision => state.revisions[state.revisions.length - 1];
  const total = (decisions: LineDecision[]) => decisions.reduce((n, d) => n + d.approvedOre, 0);
  const now = () => new Date().toISOString();

  const tasks = new HumanTasks({
    caseId: claimId,
    caseType: CLAIM_CASE_TYPE,
    workflowId: claimWorkflowId(claimId),
    closedReason: () => (CLOSED.includes(state.status) ? `the claim is ${state.status}` : null),
  });

  const record = (by: TaskActor, type: string, detail?: Record<string, unknown>) => {
    state.version += 1;
    state.events.push({ seq: state.events.length + 1, at: now(), actor: by.actor, organisationCode: by.organisationCode, type, detail });
  };

  const project = async () => {
    state.openTasks = tasks.list();
    await projectCase({
      caseId: claimId,
      caseType: CLAIM_CASE_TYPE,
      workflowId: claimWorkflowId(claimId),
      status: state.status,
      parties: [mandate.payeeOrg, mandate.payerOrg, 'HSF-FIN'],
      version: state.version,
      summary: {
        mandate: mandate.reference,
        revision: current().revision,
        periodFrom: current().periodFrom,
        periodTo: current().periodTo,
        claimedOre: current().lines.reduce((n, l) => n + l.amountOre, 0),
        approvedOre: state.approval?.totalOre ?? null,
        paidOre: state.payment?.amountOre ?? null,
      },
      events: state.events,
    });
    await claims.projectClaim(state);
  };

  const withinMandate = (lines: Pick<CostLine, 'lineNo' | 'date'>[], periodFrom: string, periodTo: string) =>
    linesOutside(lines, [
      { from: mandate.validFrom, to: mandate.validTo, what: `the validity of ${mandate.reference}` },
      { from: periodFrom, to: periodTo, what: 'the claimed period' },
    ]);

  // ---- queries and updates -------------------------------------------------------------------------------

  setHandler(claimStateQuery, () => ({ ...state, openTasks: tasks.list() }));
  setHandler(claimOpenedUpdate, async () => {
    await condition(() => opened);
    return state;
  });

  const asPayee = (by: TaskActor) => {
    if (!opened) throw new Error('the claim is still being opened; try again');
    if (by.organisationCode !== mandate.payeeOrg) {
      throw ApplicationFailure.create({ type: TaskRefusal.NotAllowed, message: `only ${mandate.payeeOrg} acts on its claims`, nonRetryable: true });
    }
  };

  setHandler(
    editDraftUpdate,
    async (cmd: EditDraft) => {
      Object.assign(current(), { periodFrom: cmd.periodFrom, periodTo: cmd.periodTo, lines: cmd.lines });
      record(cmd.by, 'draft_edited', { lines: cmd.lines.length });
      await project();
      return state;
    },
    {
      validator: (cmd: EditDraft) => {
        asPayee(cmd.by);
        if (state.status !== 'draft') throw new Error('the claim is submitted and frozen: changes come as a new revision when HSF sends it back');
        const outside = withinMandate(cmd.lines, cmd.periodFrom, cmd.periodTo);
        if (outside.length) throw new Error(outside.join('; '));
      },
    },
  );

  setHandler(
    submitClaimUpdate,
    async (cmd: SubmitClaim) => {
      await submit(cmd.by);
      return state;
    },
    {
      validator: (cmd: SubmitClaim) => {
        asPayee(cmd.by);
        if (state.status !== 'draft') throw new Error(`the claim is already ${state.status}`);
      },
    },
  );

  setHandler(
    withdrawClaimUpdate,
    async (cmd: WithdrawClaim) => {
      state.status = 'withdrawn';
      state.withdrawal = { reason: cmd.reason, by: cmd.by, at: now() };
      record(cmd.by, 'claim_withdrawn', { reason: cmd.reason });
      await tasks.cancelAll('claim withdrawn');
      await project();
      return state;
    },
    {
      validator: (cmd: WithdrawClaim) => {
        asPayee(cmd.by);
        if (!WITHDRAWABLE.includes(state.status)) throw new Error(`the claim is ${state.status} and can no longer be withdrawn`);
      },
    },
  );

  // ---- the steps -----------------------------------------------------------------------------------------

  async function submit(by: TaskActor) {
    const revision = current();
    revision.submittedAt = now();
    revision.submittedBy = by;
    state.status = 'under_review';
    record(by, 'claim_submitted', { revision: revision.revision, claimedOre: revision.lines.reduce((n, l) => n + l.amountOre, 0) });
    await openReview();
    await project();
  }

  /** The submitter of the revision under review can never decide on it. */
  const notTheSubmitter = (by: TaskActor) =>
    by.actor === current().submittedBy?.actor ? 'the person who submitted the claim cannot approve it' : null;

  async function openReview() {
    const revision = current();
    const reimbursed = await claims.mandateTotals(mandate.id);
    const reviewId = await tasks.openTask<ReviewDecision>({
      kind: KIND.review,
      assignedOrg: mandate.payerOrg,
      requiredRole: 'approver',
      dueInMs: policy.reviewDueMs,
      input: {
        claimId,
        mandate,
        revision: revision.revision,
        periodFrom: revision.periodFrom,
        periodTo: revision.periodTo,
        lines: revision.lines,
        claimedOre: revision.lines.reduce((n, l) => n + l.amountOre, 0),
        alreadyReimbursedUnderMandate: reimbursed,
      },
      answerSchema: SCHEMAS.review,
      check: (d) => checkReview(d, revision.lines),
      allowed: notTheSubmitter,
      onComplete: (d, by) => review(revision, d, by),
      onOverdue: escalate,
    });
    void remindBeforeDue(reviewId);
  }

  /** A durable timer: HSF's approvers get a reminder a while before the review falls due. */
  async function remindBeforeDue(reviewId: string) {
    const answered = await condition(() => !tasks.isOpen(reviewId), Math.max(0, policy.reviewDueMs - policy.reviewReminderBeforeMs));
    if (answered) return;
    record({ actor: 'system', organisationCode: mandate.payerOrg }, 'review_reminder', { taskId: reviewId });
    await tasks.openTask<{ acknowledged: true }>({
      kind: KIND.reminder,
      assignedOrg: mandate.payerOrg,
      requiredRole: 'approver',
      dueInMs: policy.reviewReminderBeforeMs,
      input: { claimId, reviewTaskId: reviewId, note: 'The review of this claim falls due soon.' },
      answerSchema: SCHEMAS.acknowledge,
      onComplete: () => ({ acknowledged: true }),
    });
    await project();
  }

  async function escalate(task: OpenTask) {
    record({ actor: 'system', organisationCode: task.assignedOrg }, 'review_overdue', { taskId: task.taskId, dueAt: task.dueAt });
    await tasks.openTask<{ acknowledged: true; comment?: string }>({
      kind: KIND.escalation,
      assignedOrg: task.assignedOrg,
      requiredRole: 'coordinator',
      dueInMs: policy.escalationDueMs,
      input: { claimId, overdueTaskId: task.taskId, overdueKind: task.kind, dueAt: task.dueAt },
      answerSchema: SCHEMAS.acknowledge,
      onComplete: (d, by) => {
        record(by, 'escalation_handled', { taskId: task.taskId, comment: d.comment ?? null });
        return { escalatedTaskId: task.taskId };
      },
    });
    await project();
  }

  async function review(revision: ClaimRevision, d: ReviewDecision, by: TaskActor): Promise<Record<string, unknown>> {
    const reviewRecord = { at: now(), by, decision: d.decision, ...(d.comment ? { comment: d.comment } : {}), ...(d.reason ? { reason: d.reason } : {}), ...(d.lines ? { lines: d.lines } : {}) };
    if (d.decision === 'send_back') {
      revision.reviews.push(reviewRecord);
      state.status = 'sent_back';
      record(by, 'claim_sent_back', { comment: d.comment });
      await openAmendment(d.comment as string);
    } else if (d.decision === 'reject') {
      revision.reviews.push(reviewRecord);
      state.status = 'rejected';
      state.rejection = { reason: d.reason as string, by, at: now() };
      record(by, 'claim_rejected', { reason: d.reason });
      await tasks.cancelAll('claim rejected');
    } else {
      const approved = d.decision === 'approve' ? revision.lines.map((l) => ({ lineNo: l.lineNo, approvedOre: l.amountOre })) : (d.lines as LineDecision[]);
      if (total(approved) > policy.secondApprovalThresholdOre) {
        revision.reviews.push(reviewRecord);
        state.status = 'awaiting_second_approval';
        record(by, 'claim_approved_first', { approvedOre: total(approved) });
        await openSecondApproval(revision, approved, by);
      } else {
        await approve(revision, approved, [by]); // refuses (and changes nothing) over the ceiling
        revision.reviews.push(reviewRecord);
      }
    }
    await project();
    return { status: state.status };
  }

  async function openSecondApproval(revision: ClaimRevision, approved: LineDecision[], first: TaskActor) {
    await tasks.openTask<SecondApprovalDecision>({
      kind: KIND.secondApproval,
      assignedOrg: mandate.payerOrg,
      requiredRole: 'approver',
      dueInMs: policy.reviewDueMs,
      input: { claimId, mandate, revision: revision.revision, lines: revision.lines, approved, approvedOre: total(approved), firstApprover: first.actor },
      answerSchema: SCHEMAS.secondApproval,
      check: (d) => (d.decision === 'reject' && !d.reason ? 'a rejection needs a reason' : null),
      allowed: (by) => notTheSubmitter(by) ?? (by.actor === first.actor ? 'the second approver must be another person than the first' : null),
      onComplete: async (d, by) => {
        if (d.decision === 'approve') {
          await approve(revision, approved, [first, by]);
        } else {
          state.status = 'rejected';
          state.rejection = { reason: d.reason as string, by, at: now() };
          record(by, 'claim_rejected', { reason: d.reason, secondApproval: true });
        }
        revision.reviews.push({ at: now(), by, decision: d.decision === 'approve' ? 'approve' : 'reject', ...(d.reason ? { reason: d.reason } : {}) });
        await project();
        return { status: state.status };
      },
      onOverdue: escalate,
    });
  }

  /** Books the approval first: if the mandate's ceiling refuses it, the decision fails and nothing changes. */
  async function approve(revision: ClaimRevision, approved: LineDecision[], approvers: TaskActor[]) {
    const booked = await claims.bookApproval({ claimId, mandate, lines: revision.lines, approved, by: approvers[approvers.length - 1] });
    if (!booked.booked) throw ApplicationFailure.create({ type: CEILING_EXCEEDED, message: booked.reason, nonRetryable: true });
    state.status = 'approved';
    state.approval = { at: now(), lines: approved, totalOre: total(approved), approvers };
    record(approvers[approvers.length - 1], 'claim_approved', { approvedOre: total(approved), approvers: approvers.map((a) => a.actor) });
    await tasks.openTask<PaymentDecision>({
      kind: KIND.payment,
      assignedOrg: 'HSF-FIN',
      requiredRole: 'finance',
      dueInMs: policy.paymentDueMs,
      input: { claimId, payee: mandate.payeeOrg, mandate: mandate.reference, mandateId: mandate.id, amountOre: total(approved), approved },
      answerSchema: SCHEMAS.payment,
      onComplete: async (d, by) => {
        const { paidOre } = await claims.bookPayment({ claimId, mandate, paymentReference: d.paymentReference, by });
        state.status = 'paid';
        state.payment = { paymentReference: d.paymentReference, paidOn: d.paidOn, amountOre: paidOre, by, at: now() };
        record(by, 'claim_paid', { paymentReference: d.paymentReference, paidOre });
        await project();
        return { paidOre };
      },
      onOverdue: escalate,
    });
  }

  async function openAmendment(comment: string) {
    await tasks.openTask<AmendDecision>({
      kind: KIND.amend,
      assignedOrg: mandate.payeeOrg,
      requiredRole: 'case_handler',
      dueInMs: policy.amendDueMs,
      input: { claimId, comment, revision: current().revision, periodFrom: current().periodFrom, periodTo: current().periodTo, lines: current().lines },
      answerSchema: SCHEMAS.amend,
      check: (d) => {
        const outside = withinMandate(d.lines.map((l, i) => ({ lineNo: i + 1, date: l.date })), current().periodFrom, current().periodTo);
        return outside.length ? outside.join('; ') : null;
      },
      onComplete: async (d, by) => {
        const previous = current();
        state.revisions.push({
          revision: previous.revision + 1,
          periodFrom: previous.periodFrom,
          periodTo: previous.periodTo,
          lines: d.lines.map((l, i) => ({ ...l, lineNo: i + 1 })),
          createdAt: now(),
          createdBy: by,
          reviews: [],
        });
        record(by, 'claim_amended', { revision: previous.revision + 1, comment: d.comment ?? null });
        await submit(by);
        return { revision: previous.revision + 1 };
      },
    });
  }

  // ---- the process ---------------------------------------------------------------------------------------

  record(input.openedBy, 'claim_opened', { mandate: mandate.reference, lines: input.lines.length });
  await project();
  opened = true;

  await condition(() => CLOSED.includes(state.status));
  await condition(allHandlersFinished);
  return state;
}
