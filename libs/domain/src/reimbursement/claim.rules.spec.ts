/**
 * The reimbursement claim's rules (HDIR 20348): SLSO's draft and submission, HSF's review with four eyes and a
 * second approver above a threshold, amendments as new revisions, and the ledger bookings of approvals and
 * payments. Every state and command is deep-frozen, so a rule that mutates its input fails. Fixed instants only.
 */
import type { Actor } from '../case/case';
import { accepted, deepFreeze, nextState, refused, timeline } from '../case/rule-testing';
import { claimContentProblem, linesOutside, numberLines } from './claim-lines';
import {
  amendClaim,
  claimBookings,
  claimClosedReason,
  claimedOre,
  claimListSummary,
  claimParties,
  currentRevision,
  editDraft,
  notTheSubmitter,
  openClaim,
  payClaim,
  reviewClaim,
  reviewProblem,
  secondApproval,
  secondApproverProblem,
  submitClaim,
  withdrawClaim,
} from './claim.rules';
import type { Claim, ClaimStatus, CostLine, MandateRef, ReviewDecision } from './claim.types';

const ANNA: Actor = { actor: 'anna', organisationCode: 'SLSO' };
const BO: Actor = { actor: 'bo', organisationCode: 'SLSO' };
const HELGA: Actor = { actor: 'helga', organisationCode: 'HSF' };
const IDA: Actor = { actor: 'ida', organisationCode: 'HSF' };
const FREDRIK: Actor = { actor: 'fredrik', organisationCode: 'HSF-FIN' };

const MANDATE: MandateRef = deepFreeze({
  id: 'mandate-1',
  reference: 'HDIR 20348',
  validFrom: '2020-11-02',
  validTo: '2021-01-31',
  payerOrg: 'HSF',
  payeeOrg: 'SLSO',
  ceilingOre: 500_000_000,
});

const OPENED = '2020-12-01T09:00:00+01:00';
const SUBMITTED = '2020-12-01T10:00:00+01:00';
const REVIEWED = '2020-12-03T14:00:00+01:00';
const SECOND = '2020-12-04T09:30:00+01:00';
const AMENDED = '2020-12-07T11:00:00+01:00';
const PAID = '2020-12-10T15:00:00+01:00';

const LINES: CostLine[] = deepFreeze([
  { lineNo: 1, date: '2020-11-10', category: 'staff', description: 'Coordinators, week 46', amountOre: 4_000_000, documentRef: 'DOC-1' },
  { lineNo: 2, date: '2020-11-20', category: 'protective_equipment', description: 'Visors', amountOre: 1_500_000, documentRef: 'DOC-2' },
  { lineNo: 3, date: '2020-11-25', category: 'staff', description: 'Coordinators, week 48', amountOre: 2_500_000, documentRef: 'DOC-3' },
]);
const CLAIMED = 8_000_000;

/** Below the claim: approvals of the whole claim need a second approver. */
const LOW_THRESHOLD = deepFreeze({ secondApprovalThresholdOre: 5_000_000 });
/** Above the claim: one approver is enough. */
const HIGH_THRESHOLD = deepFreeze({ secondApprovalThresholdOre: 10_000_000 });

const draft = (mandate: MandateRef = MANDATE): Claim =>
  nextState(openClaim(deepFreeze({ claimId: 'claim-1', mandate, periodFrom: '2020-11-01', periodTo: '2020-11-30', lines: LINES, openedBy: ANNA }), OPENED));
const underReview = (mandate?: MandateRef): Claim => nextState(submitClaim(draft(mandate), ANNA, SUBMITTED));
const sentBack = (): Claim => nextState(reviewClaim(underReview(), { decision: 'send_back', comment: 'Attach the visor invoice' }, HELGA, REVIEWED, HIGH_THRESHOLD));
const awaitingSecond = (): Claim => nextState(reviewClaim(underReview(), { decision: 'approve' }, HELGA, REVIEWED, LOW_THRESHOLD));
const approved = (mandate?: MandateRef): Claim => nextState(reviewClaim(underReview(mandate), { decision: 'approve' }, HELGA, REVIEWED, HIGH_THRESHOLD));
const PARTIAL: ReviewDecision = deepFreeze({
  decision: 'approve_in_part' as const,
  lines: [
    { lineNo: 1, approvedOre: 3_000_000, reason: 'Overtime not within the assignment' },
    { lineNo: 2, approvedOre: 0, reason: 'Bought before the decision' },
    { lineNo: 3, approvedOre: 2_500_000 },
  ],
});
const partlyApproved = (): Claim => nextState(reviewClaim(underReview(), PARTIAL, HELGA, REVIEWED, HIGH_THRESHOLD));
const paid = (): Claim => nextState(payClaim(approved(), { paymentReference: 'PAY-77', paidOn: '2020-12-10' }, FREDRIK, PAID));
const rejected = (): Claim => nextState(reviewClaim(underReview(), { decision: 'reject', reason: 'Outside the assignment' }, HELGA, REVIEWED, HIGH_THRESHOLD));
const withdrawn = (): Claim => nextState(withdrawClaim(draft(), { by: ANNA, reason: 'Duplicate' }, SUBMITTED));

describe('openClaim', () => {
  it('opens a draft with its first revision, created by SLSO', () => {
    const o = openClaim(deepFreeze({ claimId: 'claim-1', mandate: MANDATE, periodFrom: '2020-11-01', periodTo: '2020-11-30', lines: LINES, openedBy: ANNA }), OPENED);
    expect(o.state).toEqual({
      claimId: 'claim-1',
      mandate: MANDATE,
      status: 'draft',
      revisions: [{ revision: 1, periodFrom: '2020-11-01', periodTo: '2020-11-30', lines: LINES, createdAt: OPENED, createdBy: ANNA, reviews: [] }],
    });
    expect(timeline(o)).toEqual([{ type: 'claim_opened', actor: 'anna', organisationCode: 'SLSO', detail: { mandate: 'HDIR 20348', lines: 3 } }]);
  });
});

describe('small reads', () => {
  it('claimParties: the payee, the payer and HSF finance', () => {
    expect(claimParties(draft())).toEqual(['SLSO', 'HSF', 'HSF-FIN']);
  });

  it('currentRevision and claimedOre', () => {
    expect(currentRevision(draft()).revision).toBe(1);
    expect(claimedOre(LINES)).toBe(CLAIMED);
    expect(claimedOre([])).toBe(0);
  });

  it.each<[ClaimStatus, () => Claim, string | null]>([
    ['draft', draft, null],
    ['under_review', () => underReview(), null],
    ['sent_back', sentBack, null],
    ['awaiting_second_approval', awaitingSecond, null],
    ['approved', () => approved(), null],
    ['paid', paid, 'the claim is paid'],
    ['rejected', rejected, 'the claim is rejected'],
    ['withdrawn', withdrawn, 'the claim is withdrawn'],
  ])('claimClosedReason when %s', (status, claim, reason) => {
    const c = claim();
    expect(c.status).toBe(status);
    expect(claimClosedReason(c)).toBe(reason);
  });
});

describe('content: costs within the mandate and the claimed period', () => {
  it('numberLines numbers from 1 in the order given, without touching the input', () => {
    const input = deepFreeze([{ date: '2020-11-10' }, { date: '2020-11-11' }]);
    expect(numberLines(input)).toEqual([
      { date: '2020-11-10', lineNo: 1 },
      { date: '2020-11-11', lineNo: 2 },
    ]);
  });

  it('linesOutside names each line and bound at fault, inclusive bounds', () => {
    const bounds = [{ from: '2020-11-02', to: '2021-01-31', what: 'the validity of HDIR 20348' }];
    expect(
      linesOutside(
        [
          { lineNo: 1, date: '2020-11-02' },
          { lineNo: 2, date: '2021-01-31' },
          { lineNo: 3, date: '2021-02-01' },
        ],
        bounds,
      ),
    ).toEqual(['line 3 (2021-02-01) is outside the validity of HDIR 20348 2020-11-02–2021-01-31']);
  });

  it('accepts lines within both', () => {
    expect(claimContentProblem(MANDATE, '2020-11-01', '2020-11-30', LINES)).toBeNull();
  });

  it('refuses a period that ends before it starts', () => {
    expect(claimContentProblem(MANDATE, '2020-11-30', '2020-11-01', LINES)).toEqual({ refused: 'invalid_input', message: 'periodTo is before periodFrom', field: 'periodTo' });
  });

  it('names the first line at fault as lines[i].date, listing every problem', () => {
    const lines = deepFreeze([
      { lineNo: 1, date: '2020-11-10' },
      { lineNo: 2, date: '2020-11-01' }, // in the period, before the mandate
      { lineNo: 3, date: '2020-12-05' }, // in the mandate, after the period
    ]);
    expect(claimContentProblem(MANDATE, '2020-11-01', '2020-11-30', lines)).toEqual({
      refused: 'invalid_input',
      message: 'line 2 (2020-11-01) is outside the validity of HDIR 20348 2020-11-02–2021-01-31; line 3 (2020-12-05) is outside the claimed period 2020-11-01–2020-11-30',
      field: 'lines[1].date',
      details: {
        problems: [
          'line 2 (2020-11-01) is outside the validity of HDIR 20348 2020-11-02–2021-01-31',
          'line 3 (2020-12-05) is outside the claimed period 2020-11-01–2020-11-30',
        ],
      },
    });
  });

  it('a line outside both is named twice', () => {
    const problem = claimContentProblem(MANDATE, '2020-11-01', '2020-11-30', [{ lineNo: 1, date: '2021-03-01' }]);
    expect(problem?.field).toBe('lines[0].date');
    expect(problem?.details).toEqual({
      problems: ['line 1 (2021-03-01) is outside the validity of HDIR 20348 2020-11-02–2021-01-31', 'line 1 (2021-03-01) is outside the claimed period 2020-11-01–2020-11-30'],
    });
  });
});

describe('editDraft (SLSO, before submission)', () => {
  const edit = deepFreeze({ by: BO, periodFrom: '2020-11-02', periodTo: '2020-11-15', lines: [LINES[0]] });

  it('replaces the period and the lines of the draft revision', () => {
    const o = accepted(editDraft(draft(), edit));
    expect(o.state.revisions).toHaveLength(1);
    expect(o.state.revisions[0]).toEqual({ ...draft().revisions[0], periodFrom: '2020-11-02', periodTo: '2020-11-15', lines: [LINES[0]] });
    expect(o.state.status).toBe('draft');
    expect(timeline(o)).toEqual([{ type: 'draft_edited', actor: 'bo', organisationCode: 'SLSO', detail: { lines: 1 } }]);
  });

  it('is only the payee’s', () => {
    expect(editDraft(draft(), { ...edit, by: HELGA })).toEqual({ refused: 'forbidden', message: 'only SLSO acts on its claims' });
  });

  it.each<[string, () => Claim]>([
    ['under review', () => underReview()],
    ['sent back', sentBack],
    ['approved', () => approved()],
  ])('is frozen once submitted (%s)', (_what, claim) => {
    expect(editDraft(claim(), edit)).toEqual({
      refused: 'conflict',
      message: 'the claim is submitted and frozen: changes come as a new revision when HSF sends it back',
    });
  });

  it('refuses content outside the mandate, naming the line', () => {
    const outside = deepFreeze({ ...edit, lines: [LINES[0], { ...LINES[1], date: '2020-11-16' }] });
    expect(refused(editDraft(draft(), outside))).toMatchObject({ refused: 'invalid_input', field: 'lines[1].date' });
  });

  it('checks who, then the state, then the content', () => {
    const outside = deepFreeze({ ...edit, periodTo: '2020-10-01' });
    expect(refused(editDraft(underReview(), { ...outside, by: HELGA })).refused).toBe('forbidden');
    expect(refused(editDraft(underReview(), outside)).refused).toBe('conflict');
  });
});

describe('submitClaim', () => {
  it('freezes the revision and sends it to review', () => {
    const o = accepted(submitClaim(draft(), ANNA, SUBMITTED));
    expect(o.state.status).toBe('under_review');
    expect(o.state.revisions).toEqual([{ ...draft().revisions[0], submittedAt: SUBMITTED, submittedBy: ANNA }]);
    expect(timeline(o)).toEqual([{ type: 'claim_submitted', actor: 'anna', organisationCode: 'SLSO', detail: { revision: 1, claimedOre: CLAIMED } }]);
  });

  it('is only the payee’s', () => {
    expect(submitClaim(draft(), HELGA, SUBMITTED)).toEqual({ refused: 'forbidden', message: 'only SLSO acts on its claims' });
  });

  it('refuses a claim already submitted', () => {
    expect(submitClaim(underReview(), ANNA, SUBMITTED)).toEqual({ refused: 'conflict', message: 'the claim is already under_review' });
    expect(submitClaim(sentBack(), ANNA, SUBMITTED)).toEqual({ refused: 'conflict', message: 'the claim is already sent_back' });
  });
});

describe('withdrawClaim', () => {
  it.each<[string, () => Claim]>([
    ['draft', draft],
    ['under_review', () => underReview()],
    ['sent_back', sentBack],
    ['awaiting_second_approval', awaitingSecond],
  ])('SLSO withdraws a claim before approval (%s)', (_status, claim) => {
    const o = accepted(withdrawClaim(claim(), deepFreeze({ by: BO, reason: 'Claimed twice' }), AMENDED));
    expect(o.state.status).toBe('withdrawn');
    expect(o.state.withdrawal).toEqual({ reason: 'Claimed twice', by: BO, at: AMENDED });
    expect(timeline(o)).toEqual([{ type: 'claim_withdrawn', actor: 'bo', organisationCode: 'SLSO', detail: { reason: 'Claimed twice' } }]);
  });

  it.each<[ClaimStatus, () => Claim]>([
    ['approved', () => approved()],
    ['paid', paid],
    ['rejected', rejected],
    ['withdrawn', withdrawn],
  ])('no longer once %s', (status, claim) => {
    expect(withdrawClaim(claim(), { by: ANNA, reason: 'x' }, AMENDED)).toEqual({ refused: 'conflict', message: `the claim is ${status} and can no longer be withdrawn` });
  });

  it('is only the payee’s, asked first', () => {
    expect(withdrawClaim(approved(), { by: HELGA, reason: 'x' }, AMENDED)).toEqual({ refused: 'forbidden', message: 'only SLSO acts on its claims' });
  });
});

describe('four eyes', () => {
  it('notTheSubmitter: the person who submitted the revision cannot decide on it', () => {
    const c = underReview();
    expect(notTheSubmitter(c, ANNA)).toBe('the person who submitted the claim cannot approve it');
    expect(notTheSubmitter(c, HELGA)).toBeNull();
    expect(notTheSubmitter(draft(), ANNA)).toBeNull();
  });

  it('secondApproverProblem: neither the submitter nor the first approver', () => {
    const c = awaitingSecond();
    expect(secondApproverProblem(c, ANNA)).toBe('the person who submitted the claim cannot approve it');
    expect(secondApproverProblem(c, HELGA)).toBe('the second approver must be another person than the first');
    expect(secondApproverProblem(c, IDA)).toBeNull();
  });

  it('after an amendment the submitter is the one who amended', () => {
    const amended = nextState(amendClaim(sentBack(), { lines: LINES.map(({ lineNo: _n, ...l }) => l) }, BO, AMENDED));
    expect(notTheSubmitter(amended, BO)).toBe('the person who submitted the claim cannot approve it');
    expect(notTheSubmitter(amended, ANNA)).toBeNull();
  });
});

describe('reviewProblem', () => {
  it.each<[string, ReviewDecision, string | null]>([
    ['approve', { decision: 'approve' }, null],
    ['reject with a reason', { decision: 'reject', reason: 'Outside the assignment' }, null],
    ['send back with a comment', { decision: 'send_back', comment: 'Attach invoices' }, null],
    ['reject without a reason', { decision: 'reject' }, 'a rejection needs a reason'],
    ['send back without a comment', { decision: 'send_back', reason: 'x' }, 'sending back needs a comment saying what to complete'],
    ['approve with lines', { decision: 'approve', lines: [{ lineNo: 1, approvedOre: 1 }] }, 'lines belong to a partial approval'],
    ['reject with lines', { decision: 'reject', reason: 'x', lines: [] }, 'lines belong to a partial approval'],
    ['a partial approval', PARTIAL, null],
    ['a partial approval deciding no line', { decision: 'approve_in_part' }, 'line 1 has no decision'],
    [
      'a partial approval missing a line',
      { decision: 'approve_in_part', lines: [{ lineNo: 1, approvedOre: 4_000_000 }, { lineNo: 3, approvedOre: 2_500_000 }] },
      'line 2 has no decision',
    ],
    [
      'above the claimed amount',
      { decision: 'approve_in_part', lines: [{ lineNo: 1, approvedOre: 4_000_001 }, { lineNo: 2, approvedOre: 1_500_000 }, { lineNo: 3, approvedOre: 2_500_000 }] },
      'line 1: approved 4000001 öre is more than the claimed 4000000 öre',
    ],
    [
      'a reduction without a reason',
      { decision: 'approve_in_part', lines: [{ lineNo: 1, approvedOre: 4_000_000 }, { lineNo: 2, approvedOre: 1_499_999 }, { lineNo: 3, approvedOre: 2_500_000 }] },
      'line 2: a reduction needs a reason',
    ],
    [
      'a line not in the claim',
      {
        decision: 'approve_in_part',
        lines: [{ lineNo: 1, approvedOre: 4_000_000 }, { lineNo: 2, approvedOre: 1_500_000 }, { lineNo: 3, approvedOre: 2_500_000 }, { lineNo: 4, approvedOre: 1 }],
      },
      'line 4 is not in the claim',
    ],
  ])('%s', (_what, d, problem) => {
    expect(reviewProblem(deepFreeze(d), LINES)).toBe(problem);
  });
});

describe('reviewClaim', () => {
  it('refuses an invalid decision and changes nothing', () => {
    expect(reviewClaim(underReview(), { decision: 'reject' }, HELGA, REVIEWED, HIGH_THRESHOLD)).toEqual({ refused: 'invalid_decision', message: 'a rejection needs a reason' });
  });

  it('sends back to SLSO with what to complete, recorded on the revision', () => {
    const o = accepted(reviewClaim(underReview(), deepFreeze({ decision: 'send_back' as const, comment: 'Attach the visor invoice' }), HELGA, REVIEWED, HIGH_THRESHOLD));
    expect(o.state.status).toBe('sent_back');
    expect(currentRevision(o.state).reviews).toEqual([{ at: REVIEWED, by: HELGA, decision: 'send_back', comment: 'Attach the visor invoice' }]);
    expect(timeline(o)).toEqual([{ type: 'claim_sent_back', actor: 'helga', organisationCode: 'HSF', detail: { comment: 'Attach the visor invoice' } }]);
    expect(o.effects).toBeUndefined();
  });

  it('rejects with a reason, and the claim closes', () => {
    const o = accepted(reviewClaim(underReview(), { decision: 'reject', reason: 'Outside the assignment' }, HELGA, REVIEWED, HIGH_THRESHOLD));
    expect(o.state.status).toBe('rejected');
    expect(o.state.rejection).toEqual({ reason: 'Outside the assignment', by: HELGA, at: REVIEWED });
    expect(currentRevision(o.state).reviews).toEqual([{ at: REVIEWED, by: HELGA, decision: 'reject', reason: 'Outside the assignment' }]);
    expect(timeline(o)).toEqual([{ type: 'claim_rejected', actor: 'helga', organisationCode: 'HSF', detail: { reason: 'Outside the assignment' } }]);
    expect(o.effects).toBeUndefined();
    expect(claimClosedReason(o.state)).toBe('the claim is rejected');
  });

  it('approves the whole claim up to the threshold with one approver, booked per cost category under the ceiling', () => {
    const o = accepted(reviewClaim(underReview(), { decision: 'approve', comment: 'OK' }, HELGA, REVIEWED, HIGH_THRESHOLD));
    expect(o.state.status).toBe('approved');
    expect(o.state.approval).toEqual({
      at: REVIEWED,
      lines: [
        { lineNo: 1, approvedOre: 4_000_000 },
        { lineNo: 2, approvedOre: 1_500_000 },
        { lineNo: 3, approvedOre: 2_500_000 },
      ],
      totalOre: CLAIMED,
      approvers: [HELGA],
    });
    expect(currentRevision(o.state).reviews).toEqual([{ at: REVIEWED, by: HELGA, decision: 'approve', comment: 'OK' }]);
    expect(timeline(o)).toEqual([{ type: 'claim_approved', actor: 'helga', organisationCode: 'HSF', detail: { approvedOre: CLAIMED, approvers: ['helga'] } }]);
    const booking = { mandateId: 'mandate-1', source: 'reimbursement_claim', sourceId: 'claim-1', kind: 'approved', payerOrg: 'HSF', payeeOrg: 'SLSO', reference: 'HDIR 20348', bookedBy: 'helga' };
    expect(o.effects).toEqual([
      {
        type: 'ledger.book',
        bookings: [
          { ...booking, bookingKey: 'claim:claim-1:approved:staff', category: 'staff', amountOre: 6_500_000 },
          { ...booking, bookingKey: 'claim:claim-1:approved:protective_equipment', category: 'protective_equipment', amountOre: 1_500_000 },
        ],
        ceiling: { mandateId: 'mandate-1', ceilingOre: 500_000_000, reference: 'HDIR 20348' },
        action: 'ledger.book_approval',
        detail: { totalOre: CLAIMED },
        by: HELGA,
      },
    ]);
  });

  it('a total exactly at the threshold needs no second approver', () => {
    expect(accepted(reviewClaim(underReview(), { decision: 'approve' }, HELGA, REVIEWED, { secondApprovalThresholdOre: CLAIMED })).state.status).toBe('approved');
  });

  it('a mandate without a ceiling books without the ceiling guard', () => {
    const [effect] = accepted(reviewClaim(underReview({ ...MANDATE, ceilingOre: null }), { decision: 'approve' }, HELGA, REVIEWED, HIGH_THRESHOLD)).effects ?? [];
    expect(effect).toMatchObject({ type: 'ledger.book', action: 'ledger.book_approval' });
    expect(effect).not.toHaveProperty('ceiling');
  });

  it('approves in part: the decided amounts with their reasons, and no booking for a zeroed line', () => {
    const o = accepted(reviewClaim(underReview(), PARTIAL, HELGA, REVIEWED, HIGH_THRESHOLD));
    expect(o.state.approval).toEqual({ at: REVIEWED, lines: PARTIAL.lines, totalOre: 5_500_000, approvers: [HELGA] });
    expect(currentRevision(o.state).reviews).toEqual([{ at: REVIEWED, by: HELGA, decision: 'approve_in_part', lines: PARTIAL.lines }]);
    expect(timeline(o)[0].detail).toEqual({ approvedOre: 5_500_000, approvers: ['helga'] });
    const [effect] = o.effects ?? [];
    expect(effect.type === 'ledger.book' && effect.bookings.map((b) => [b.category, b.amountOre])).toEqual([['staff', 5_500_000]]);
  });

  it('above the threshold waits for a second approver, and books nothing yet', () => {
    const o = accepted(reviewClaim(underReview(), { decision: 'approve' }, HELGA, REVIEWED, LOW_THRESHOLD));
    expect(o.state.status).toBe('awaiting_second_approval');
    expect(o.state.pendingApproval).toEqual({ lines: [{ lineNo: 1, approvedOre: 4_000_000 }, { lineNo: 2, approvedOre: 1_500_000 }, { lineNo: 3, approvedOre: 2_500_000 }], first: HELGA });
    expect(o.state).not.toHaveProperty('approval');
    expect(currentRevision(o.state).reviews).toEqual([{ at: REVIEWED, by: HELGA, decision: 'approve' }]);
    expect(timeline(o)).toEqual([{ type: 'claim_approved_first', actor: 'helga', organisationCode: 'HSF', detail: { approvedOre: CLAIMED } }]);
    expect(o.effects).toBeUndefined();
  });

  it('compares the approved total, not the claimed one, with the threshold', () => {
    // 5 500 000 approved of 8 000 000 claimed, threshold 6 000 000: one approver.
    expect(accepted(reviewClaim(underReview(), PARTIAL, HELGA, REVIEWED, { secondApprovalThresholdOre: 6_000_000 })).state.status).toBe('approved');
  });
});

describe('secondApproval', () => {
  it('a second person approves: both approvers on the approval, booked by the second', () => {
    const o = accepted(secondApproval(awaitingSecond(), deepFreeze({ decision: 'approve' as const }), IDA, SECOND));
    expect(o.state.status).toBe('approved');
    expect(o.state).not.toHaveProperty('pendingApproval');
    expect(o.state.approval).toMatchObject({ at: SECOND, totalOre: CLAIMED, approvers: [HELGA, IDA] });
    expect(currentRevision(o.state).reviews.map((r) => [r.by.actor, r.decision])).toEqual([
      ['helga', 'approve'],
      ['ida', 'approve'],
    ]);
    expect(timeline(o)).toEqual([{ type: 'claim_approved', actor: 'ida', organisationCode: 'HSF', detail: { approvedOre: CLAIMED, approvers: ['helga', 'ida'] } }]);
    const [effect] = o.effects ?? [];
    expect(effect).toMatchObject({ type: 'ledger.book', action: 'ledger.book_approval', by: IDA, ceiling: { ceilingOre: 500_000_000 } });
    expect(effect.type === 'ledger.book' && effect.bookings.map((b) => [b.bookingKey, b.amountOre, b.bookedBy])).toEqual([
      ['claim:claim-1:approved:staff', 6_500_000, 'ida'],
      ['claim:claim-1:approved:protective_equipment', 1_500_000, 'ida'],
    ]);
  });

  it('a second person rejects with a reason: the claim closes, nothing is booked', () => {
    const o = accepted(secondApproval(awaitingSecond(), { decision: 'reject', reason: 'Not within the assignment' }, IDA, SECOND));
    expect(o.state.status).toBe('rejected');
    expect(o.state).not.toHaveProperty('pendingApproval');
    expect(o.state.rejection).toEqual({ reason: 'Not within the assignment', by: IDA, at: SECOND });
    expect(currentRevision(o.state).reviews[1]).toEqual({ at: SECOND, by: IDA, decision: 'reject', reason: 'Not within the assignment' });
    expect(timeline(o)).toEqual([{ type: 'claim_rejected', actor: 'ida', organisationCode: 'HSF', detail: { reason: 'Not within the assignment', secondApproval: true } }]);
    expect(o.effects).toBeUndefined();
  });

  it('refuses a rejection without a reason, before anything else', () => {
    expect(secondApproval(awaitingSecond(), { decision: 'reject' }, IDA, SECOND)).toEqual({ refused: 'invalid_decision', message: 'a rejection needs a reason' });
    expect(secondApproval(underReview(), { decision: 'reject' }, IDA, SECOND)).toEqual({ refused: 'invalid_decision', message: 'a rejection needs a reason' });
  });

  it('refuses when no approval waits', () => {
    expect(secondApproval(underReview(), { decision: 'approve' }, IDA, SECOND)).toEqual({ refused: 'conflict', message: 'no approval waits for a second approver' });
  });
});

describe('amendClaim (after a send-back)', () => {
  const amendment = deepFreeze({
    lines: [
      { date: '2020-11-10', category: 'staff' as const, description: 'Coordinators, week 46', amountOre: 4_000_000, documentRef: 'DOC-1' },
      { date: '2020-11-20', category: 'protective_equipment' as const, description: 'Visors (invoice attached)', amountOre: 1_200_000, documentRef: 'DOC-2b' },
    ],
    comment: 'Invoice attached',
  });

  it('adds a new revision, numbered from 1, and submits it for review again; the sent-back one keeps its history', () => {
    const before = sentBack();
    const o = accepted(amendClaim(before, amendment, BO, AMENDED));
    expect(o.state.status).toBe('under_review');
    expect(o.state.revisions[0]).toEqual(before.revisions[0]);
    expect(o.state.revisions[1]).toEqual({
      revision: 2,
      periodFrom: '2020-11-01',
      periodTo: '2020-11-30',
      lines: amendment.lines.map((l, i) => ({ ...l, lineNo: i + 1 })),
      createdAt: AMENDED,
      createdBy: BO,
      submittedAt: AMENDED,
      submittedBy: BO,
      reviews: [],
    });
    expect(timeline(o)).toEqual([
      { type: 'claim_amended', actor: 'bo', organisationCode: 'SLSO', detail: { revision: 2, comment: 'Invoice attached' } },
      { type: 'claim_submitted', actor: 'bo', organisationCode: 'SLSO', detail: { revision: 2, claimedOre: 5_200_000 } },
    ]);
  });

  it('without a comment the timeline says null', () => {
    expect(timeline(accepted(amendClaim(sentBack(), { lines: amendment.lines }, BO, AMENDED)))[0].detail).toEqual({ revision: 2, comment: null });
  });

  it('the new revision is what HSF reviews next', () => {
    const amended = nextState(amendClaim(sentBack(), amendment, BO, AMENDED));
    const o = accepted(reviewClaim(amended, { decision: 'approve' }, HELGA, SECOND, HIGH_THRESHOLD));
    expect(o.state.approval?.totalOre).toBe(5_200_000);
    expect(o.state.revisions[1].reviews).toHaveLength(1);
    expect(o.state.revisions[0].reviews).toHaveLength(1);
  });

  it('refuses lines outside the claimed period or the mandate, as an invalid answer', () => {
    const outside = deepFreeze({ lines: [amendment.lines[0], { ...amendment.lines[1], date: '2020-12-01' }] });
    expect(amendClaim(sentBack(), outside, BO, AMENDED)).toEqual({
      refused: 'invalid_decision',
      message: 'line 2 (2020-12-01) is outside the claimed period 2020-11-01–2020-11-30',
    });
  });
});

describe('payClaim', () => {
  it('pays the approved total, booked per category with the payment reference', () => {
    const o = accepted(payClaim(approved(), deepFreeze({ paymentReference: 'PAY-77', paidOn: '2020-12-10' }), FREDRIK, PAID));
    expect(o.state.status).toBe('paid');
    expect(o.state.payment).toEqual({ paymentReference: 'PAY-77', paidOn: '2020-12-10', amountOre: CLAIMED, by: FREDRIK, at: PAID });
    expect(timeline(o)).toEqual([{ type: 'claim_paid', actor: 'fredrik', organisationCode: 'HSF-FIN', detail: { paymentReference: 'PAY-77', paidOre: CLAIMED } }]);
    const booking = { mandateId: 'mandate-1', source: 'reimbursement_claim', sourceId: 'claim-1', kind: 'paid', payerOrg: 'HSF', payeeOrg: 'SLSO', reference: 'PAY-77', bookedBy: 'fredrik' };
    expect(o.effects).toEqual([
      {
        type: 'ledger.book',
        bookings: [
          { ...booking, bookingKey: 'claim:claim-1:paid:staff', category: 'staff', amountOre: 6_500_000 },
          { ...booking, bookingKey: 'claim:claim-1:paid:protective_equipment', category: 'protective_equipment', amountOre: 1_500_000 },
        ],
        action: 'ledger.book_payment',
        detail: { paidOre: CLAIMED, paymentReference: 'PAY-77' },
        by: FREDRIK,
      },
    ]);
    expect(claimClosedReason(o.state)).toBe('the claim is paid');
  });

  it('pays a partial approval as approved, with no booking for a zeroed line', () => {
    const o = accepted(payClaim(partlyApproved(), { paymentReference: 'PAY-78', paidOn: '2020-12-10' }, FREDRIK, PAID));
    expect(o.state.payment?.amountOre).toBe(5_500_000);
    const [effect] = o.effects ?? [];
    expect(effect.type === 'ledger.book' && effect.bookings.map((b) => [b.category, b.amountOre])).toEqual([['staff', 5_500_000]]);
  });

  it.each<[ClaimStatus, () => Claim]>([
    ['under_review', () => underReview()],
    ['awaiting_second_approval', awaitingSecond],
    ['paid', paid],
    ['rejected', rejected],
  ])('refuses a claim that is %s (paid once only)', (status, claim) => {
    expect(payClaim(claim(), { paymentReference: 'PAY-79', paidOn: '2020-12-11' }, FREDRIK, PAID)).toEqual({ refused: 'conflict', message: `the claim is ${status}` });
  });
});

describe('claimBookings', () => {
  it('sums per category, skips zero amounts and lines not in the revision', () => {
    const bookings = claimBookings(
      underReview(),
      'approved',
      deepFreeze([
        { lineNo: 3, approvedOre: 100 },
        { lineNo: 1, approvedOre: 200 },
        { lineNo: 2, approvedOre: 0 },
        { lineNo: 9, approvedOre: 5_000 },
      ]),
      'REF',
      IDA,
    );
    expect(bookings.map((b) => [b.bookingKey, b.category, b.amountOre, b.reference, b.bookedBy])).toEqual([['claim:claim-1:approved:staff', 'staff', 300, 'REF', 'ida']]);
  });

  it('books nothing when everything is zeroed', () => {
    expect(claimBookings(underReview(), 'paid', [{ lineNo: 1, approvedOre: 0 }], 'REF', FREDRIK)).toEqual([]);
  });
});

describe('claimListSummary', () => {
  it('shows the current revision’s amounts, and what was approved and paid', () => {
    expect(claimListSummary(draft())).toEqual({ mandate: 'HDIR 20348', revision: 1, periodFrom: '2020-11-01', periodTo: '2020-11-30', claimedOre: CLAIMED, approvedOre: null, paidOre: null });
    expect(claimListSummary(paid())).toMatchObject({ approvedOre: CLAIMED, paidOre: CLAIMED });
  });
});

describe('questionable (not changed here)', () => {
  it.todo(
    'reviewClaim/secondApproval: an "approve_in_part" that zeroes every line approves 0 kr (status approved, an empty ledger.book effect, then a payment task for 0 kr) instead of calling it a rejection',
  );
});
