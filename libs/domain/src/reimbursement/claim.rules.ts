/**
 * The reimbursement claim's rules: draft → submitted (a frozen revision) → HSF's review (approve, approve in part,
 * reject, send back) → a second approver above a threshold → payment, each approval and payment booked in the
 * ledger. Pure: the workflow calls them; the API calls `claimContentProblem` before it opens a claim.
 */
import { Actor, Decision, firstRefusal, NewEvent, Outcome, outcome, refuse, Refusal } from '../case/case';
import type { LedgerBooking } from '../case/effects';
import { claimContentProblem, numberLines } from './claim-lines';
import type {
  AmendDecision,
  Claim,
  ClaimPolicy,
  ClaimRevision,
  ClaimStatus,
  CostLine,
  EditDraft,
  LineDecision,
  MandateRef,
  PaymentDecision,
  ReviewDecision,
  SecondApprovalDecision,
  WithdrawClaim,
} from './claim.types';

const CLOSED: ClaimStatus[] = ['paid', 'rejected', 'withdrawn'];
/** Before approval SLSO may still withdraw. */
const WITHDRAWABLE: ClaimStatus[] = ['draft', 'under_review', 'sent_back', 'awaiting_second_approval'];

export const currentRevision = (c: Claim): ClaimRevision => c.revisions[c.revisions.length - 1];
export const claimedOre = (lines: CostLine[]) => lines.reduce((n, l) => n + l.amountOre, 0);
const total = (decisions: LineDecision[]) => decisions.reduce((n, d) => n + d.approvedOre, 0);
const withCurrent = (c: Claim, change: (r: ClaimRevision) => ClaimRevision): Claim => ({ ...c, revisions: [...c.revisions.slice(0, -1), change(currentRevision(c))] });

export const claimParties = (c: Claim) => [c.mandate.payeeOrg, c.mandate.payerOrg, 'HSF-FIN'];
export const claimClosedReason = (c: Claim): string | null => (CLOSED.includes(c.status) ? `the claim is ${c.status}` : null);

export function openClaim(input: { claimId: string; mandate: MandateRef; periodFrom: string; periodTo: string; lines: CostLine[]; openedBy: Actor }, now: string): Outcome<Claim> {
  const { claimId, mandate, periodFrom, periodTo, lines, openedBy } = input;
  const claim: Claim = { claimId, mandate, status: 'draft', revisions: [{ revision: 1, periodFrom, periodTo, lines, createdAt: now, createdBy: openedBy, reviews: [] }] };
  return outcome(claim, 'claim_opened', openedBy, { mandate: mandate.reference, lines: lines.length });
}

/** Changes to a claim are its payee's (SLSO's). */
const asPayee = (c: Claim, by: Actor): Refusal | null =>
  by.organisationCode !== c.mandate.payeeOrg ? refuse('forbidden', `only ${c.mandate.payeeOrg} acts on its claims`) : null;

export function editDraft(c: Claim, cmd: EditDraft): Decision<Claim> {
  const refused = firstRefusal(
    () => asPayee(c, cmd.by),
    () => (c.status !== 'draft' ? refuse('conflict', 'the claim is submitted and frozen: changes come as a new revision when HSF sends it back') : null),
    () => claimContentProblem(c.mandate, cmd.periodFrom, cmd.periodTo, cmd.lines),
  );
  if (refused) return refused;
  return outcome(withCurrent(c, (r) => ({ ...r, periodFrom: cmd.periodFrom, periodTo: cmd.periodTo, lines: cmd.lines })), 'draft_edited', cmd.by, { lines: cmd.lines.length });
}

function submit(c: Claim, by: Actor, now: string): Outcome<Claim> {
  const submitted = withCurrent({ ...c, status: 'under_review' }, (r) => ({ ...r, submittedAt: now, submittedBy: by }));
  const r = currentRevision(submitted);
  return outcome(submitted, 'claim_submitted', by, { revision: r.revision, claimedOre: claimedOre(r.lines) });
}

export function submitClaim(c: Claim, by: Actor, now: string): Decision<Claim> {
  const refused = asPayee(c, by) ?? (c.status !== 'draft' ? refuse('conflict', `the claim is already ${c.status}`) : null);
  return refused ?? submit(c, by, now);
}

export function withdrawClaim(c: Claim, cmd: WithdrawClaim, now: string): Decision<Claim> {
  const refused = asPayee(c, cmd.by) ?? (!WITHDRAWABLE.includes(c.status) ? refuse('conflict', `the claim is ${c.status} and can no longer be withdrawn`) : null);
  if (refused) return refused;
  return outcome({ ...c, status: 'withdrawn', withdrawal: { reason: cmd.reason, by: cmd.by, at: now } }, 'claim_withdrawn', cmd.by, { reason: cmd.reason });
}

/** Four eyes: the submitter of the revision under review can never decide on it. */
export const notTheSubmitter = (c: Claim, by: Actor): string | null =>
  by.actor === currentRevision(c).submittedBy?.actor ? 'the person who submitted the claim cannot approve it' : null;

export const secondApproverProblem = (c: Claim, by: Actor): string | null =>
  notTheSubmitter(c, by) ?? (by.actor === c.pendingApproval?.first.actor ? 'the second approver must be another person than the first' : null);

/** A partial approval decides every line, never above the claim, with a reason for every reduction. */
export function reviewProblem(d: ReviewDecision, lines: CostLine[]): string | null {
  if (d.decision === 'reject' && !d.reason) return 'a rejection needs a reason';
  if (d.decision === 'send_back' && !d.comment) return 'sending back needs a comment saying what to complete';
  if (d.decision !== 'approve_in_part') return d.lines ? 'lines belong to a partial approval' : null;
  const decided = d.lines ?? [];
  for (const line of lines) {
    const decision = decided.find((x) => x.lineNo === line.lineNo);
    if (!decision) return `line ${line.lineNo} has no decision`;
    if (decision.approvedOre > line.amountOre) return `line ${line.lineNo}: approved ${decision.approvedOre} öre is more than the claimed ${line.amountOre} öre`;
    if (decision.approvedOre < line.amountOre && !decision.reason) return `line ${line.lineNo}: a reduction needs a reason`;
  }
  const unknown = decided.find((x) => !lines.some((l) => l.lineNo === x.lineNo));
  if (unknown) return `line ${unknown.lineNo} is not in the claim`;
  return null;
}

/** Ledger rows per cost category of the approved (or paid) lines; a claim books each category once per kind. */
export function claimBookings(c: Claim, kind: 'approved' | 'paid', decisions: LineDecision[], reference: string, by: Actor): LedgerBooking[] {
  const lines = currentRevision(c).lines;
  const byCategory = new Map<string, number>();
  for (const d of decisions) {
    const line = lines.find((l) => l.lineNo === d.lineNo);
    if (line && d.approvedOre > 0) byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + d.approvedOre);
  }
  return [...byCategory].map(([category, amountOre]) => ({
    bookingKey: `claim:${c.claimId}:${kind}:${category}`,
    mandateId: c.mandate.id,
    source: 'reimbursement_claim',
    sourceId: c.claimId,
    kind,
    category,
    amountOre,
    payerOrg: c.mandate.payerOrg,
    payeeOrg: c.mandate.payeeOrg,
    reference,
    bookedBy: by.actor,
  }));
}

/** Approved: booked in the ledger with the step; a mandate's ceiling refuses the whole step (nothing changes). */
function approve(c: Claim, approved: LineDecision[], approvers: Actor[], now: string): Outcome<Claim> {
  const by = approvers[approvers.length - 1];
  const totalOre = total(approved);
  const { pendingApproval: _p, ...rest } = c;
  const bookings = claimBookings(c, 'approved', approved, c.mandate.reference, by);
  const ceiling = c.mandate.ceilingOre === null ? undefined : { mandateId: c.mandate.id, ceilingOre: c.mandate.ceilingOre, reference: c.mandate.reference };
  return outcome({ ...rest, status: 'approved', approval: { at: now, lines: approved, totalOre, approvers } }, 'claim_approved', by, { approvedOre: totalOre, approvers: approvers.map((a) => a.actor) }, [
    { type: 'ledger.book', bookings, ...(ceiling ? { ceiling } : {}), action: 'ledger.book_approval', detail: { totalOre }, by },
  ]);
}

const withReview = (o: Outcome<Claim>, review: ClaimRevision['reviews'][number]): Outcome<Claim> => ({
  ...o,
  state: withCurrent(o.state, (r) => ({ ...r, reviews: [...r.reviews, review] })),
});

function reject(c: Claim, reason: string, by: Actor, now: string, detail: Record<string, unknown>): Outcome<Claim> {
  return outcome({ ...c, status: 'rejected', rejection: { reason, by, at: now } }, 'claim_rejected', by, detail);
}

export function reviewClaim(c: Claim, d: ReviewDecision, by: Actor, now: string, policy: Pick<ClaimPolicy, 'secondApprovalThresholdOre'>): Decision<Claim> {
  const revision = currentRevision(c);
  const problem = reviewProblem(d, revision.lines);
  if (problem) return refuse('invalid_decision', problem);
  const record = { at: now, by, decision: d.decision, ...(d.comment ? { comment: d.comment } : {}), ...(d.reason ? { reason: d.reason } : {}), ...(d.lines ? { lines: d.lines } : {}) };
  if (d.decision === 'send_back') return withReview(outcome({ ...c, status: 'sent_back' }, 'claim_sent_back', by, { comment: d.comment }), record);
  if (d.decision === 'reject') return withReview(reject(c, d.reason as string, by, now, { reason: d.reason }), record);
  const approved = d.decision === 'approve' ? revision.lines.map((l) => ({ lineNo: l.lineNo, approvedOre: l.amountOre })) : (d.lines as LineDecision[]);
  if (total(approved) > policy.secondApprovalThresholdOre) {
    const first = outcome<Claim>({ ...c, status: 'awaiting_second_approval', pendingApproval: { lines: approved, first: by } }, 'claim_approved_first', by, { approvedOre: total(approved) });
    return withReview(first, record);
  }
  return withReview(approve(c, approved, [by], now), record);
}

export function secondApproval(c: Claim, d: SecondApprovalDecision, by: Actor, now: string): Decision<Claim> {
  if (d.decision === 'reject' && !d.reason) return refuse('invalid_decision', 'a rejection needs a reason');
  const pending = c.pendingApproval;
  if (!pending) return refuse('conflict', 'no approval waits for a second approver');
  const record = { at: now, by, decision: d.decision, ...(d.reason ? { reason: d.reason } : {}) };
  if (d.decision === 'approve') return withReview(approve(c, pending.lines, [pending.first, by], now), record);
  const { pendingApproval: _p, ...rest } = c;
  return withReview(reject(rest, d.reason as string, by, now, { reason: d.reason, secondApproval: true }), record);
}

/** SLSO's amendment after a send-back: a new revision with its own history, submitted for review again. */
export function amendClaim(c: Claim, d: AmendDecision, by: Actor, now: string): Decision<Claim> {
  const previous = currentRevision(c);
  const lines = numberLines(d.lines);
  const problem = claimContentProblem(c.mandate, previous.periodFrom, previous.periodTo, lines);
  if (problem) return refuse('invalid_decision', problem.message);
  const revision = previous.revision + 1;
  const amended: Claim = { ...c, revisions: [...c.revisions, { revision, periodFrom: previous.periodFrom, periodTo: previous.periodTo, lines, createdAt: now, createdBy: by, reviews: [] }] };
  const submitted = submit(amended, by, now);
  const events: NewEvent[] = [{ type: 'claim_amended', by, detail: { revision, comment: d.comment ?? null } }, ...submitted.events];
  return { state: submitted.state, events };
}

export function payClaim(c: Claim, d: PaymentDecision, by: Actor, now: string): Decision<Claim> {
  const approval = c.approval;
  if (c.status !== 'approved' || !approval) return refuse('conflict', `the claim is ${c.status}`);
  const paidOre = approval.totalOre;
  const bookings = claimBookings(c, 'paid', approval.lines, d.paymentReference, by);
  return outcome(
    { ...c, status: 'paid', payment: { paymentReference: d.paymentReference, paidOn: d.paidOn, amountOre: paidOre, by, at: now } },
    'claim_paid',
    by,
    { paymentReference: d.paymentReference, paidOre },
    [{ type: 'ledger.book', bookings, action: 'ledger.book_payment', detail: { paidOre, paymentReference: d.paymentReference }, by }],
  );
}

export function claimListSummary(c: Claim): Record<string, unknown> {
  const r = currentRevision(c);
  return {
    mandate: c.mandate.reference,
    revision: r.revision,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    claimedOre: claimedOre(r.lines),
    approvedOre: c.approval?.totalOre ?? null,
    paidOre: c.payment?.amountOre ?? null,
  };
}
