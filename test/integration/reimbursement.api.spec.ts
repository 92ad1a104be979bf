/**
 * HSF's reimbursement of SLSO's extra costs under HDIR 20348, end to end on the real Temporal server and
 * PostgreSQL, as SLSO, HSF and HSF finance through the HTTP API. After every test the ledger's sums equal the
 * claim's approved and paid amounts, and nothing is paid twice.
 */
import type { Role } from '../../libs/auth/src/principal';
import type { AllActivities } from '../../activities/activities.module';
import { Caller, callerFor, sql, TestStack, useTestStack, waitForTask } from '../support/test-app';

const KIND = {
  review: 'reimbursement.review',
  second: 'reimbursement.second_approval',
  amend: 'reimbursement.amend',
  reminder: 'reimbursement.review_reminder',
  escalation: 'reimbursement.review_escalation',
  payment: 'reimbursement.payment',
};

interface People {
  slso: Caller;
  approver: Caller;
  secondApprover: Caller;
  finance: Caller;
  coordinator: Caller;
  admin: Caller;
  /** An HSF approver who is the same person as SLSO's submitter. */
  submitterAtHsf: Caller;
}

async function people(stack: TestStack): Promise<People> {
  const as = (org: string, role: Role, person: string) => callerFor(stack.app, stack.config, org, [role], person);
  return {
    slso: await as('SLSO', 'case_handler', 'sara.slso'),
    approver: await as('HSF', 'approver', 'harald.hsf'),
    secondApprover: await as('HSF', 'approver', 'hanna.hsf'),
    finance: await as('HSF-FIN', 'finance', 'fia.hsf-fin'),
    coordinator: await as('HSF', 'coordinator', 'cecilia.hsf'),
    admin: await as('HSF', 'register_admin', 'adam.hsf'),
    submitterAtHsf: await as('HSF', 'approver', 'sara.slso'),
  };
}

const line = (date: string, category: string, amountOre: number, description = 'Samordning') => ({
  date,
  category,
  description,
  amountOre,
  documentRef: `UND-${date}-${category}`,
});
const LINES = [line('2020-11-10', 'staff', 4_200_000), line('2020-11-12', 'protective_equipment', 950_000), line('2020-11-20', 'travel', 120_000)];

let keys = 0;
async function openClaim(p: People, mandateId: string, lines = LINES, period = { periodFrom: '2020-11-02', periodTo: '2020-11-30' }) {
  const res = await p.slso.post('/claims').set('Idempotency-Key', `claim-${Date.now()}-${(keys += 1)}`).send({ mandateId, ...period, lines });
  if (res.status !== 201) throw new Error(`open claim: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.claimId as string;
}

async function complete(who: Caller, claimId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, claimId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const claimState = async (p: People, claimId: string) => (await p.slso.get(`/claims/${claimId}`).expect(200)).body;

/** The ledger agrees with the claim: approved and paid sums equal its amounts, and each booking happened once. */
async function expectLedgerMatches(stack: TestStack, p: People, claimId: string) {
  const state = await claimState(p, claimId);
  const rows = await sql<{ kind: string; category: string; n: number; total: number }>(
    stack.config,
    `SELECT kind, category, count(*)::int AS n, sum(amount_ore)::float8 AS total FROM ledger_entries WHERE source_id = $1 GROUP BY kind, category`,
    [claimId],
  );
  const sum = (kind: string) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.total, 0);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect(sum('approved')).toBe(state.approval?.totalOre ?? 0);
  expect(sum('paid')).toBe(state.payment?.amountOre ?? 0);
  return state;
}

async function hdir20348(p: People): Promise<string> {
  const mandates = await p.admin.get('/mandates').expect(200);
  return mandates.body.find((m: { reference: string }) => m.reference === 'HDIR 20348').id;
}

describe('reimbursement of SLSO’s extra costs under HDIR 20348', () => {
  const stack = useTestStack();
  let p: People;
  let mandateId: string;
  beforeAll(async () => {
    p = await people(stack);
    mandateId = await hdir20348(p);
  });

  it('full approval and payment, booked once in the ledger and shown in the mandate summary', async () => {
    const claimId = await openClaim(p, mandateId);
    const submitted = await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    expect(submitted.body).toMatchObject({ status: 'under_review', revisions: [{ revision: 1, submittedBy: { actor: 'sara.slso' } }] });

    const review = await waitForTask(p.approver, claimId, KIND.review);
    const detail = await p.approver.get(`/tasks/${review.id}`).expect(200);
    expect(detail.body.input).toMatchObject({ claimedOre: 5_270_000, alreadyReimbursedUnderMandate: { approvedOre: expect.any(Number), paidOre: expect.any(Number) } });
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' });
    await complete(p.finance, claimId, KIND.payment, { paymentReference: 'BET-2021-0042', paidOn: '2021-02-15' });

    const state = await expectLedgerMatches(stack, p, claimId);
    expect(state).toMatchObject({ status: 'paid', approval: { totalOre: 5_270_000 }, payment: { amountOre: 5_270_000, paymentReference: 'BET-2021-0042' } });
    // Nothing is left to pay: the payment task is closed and the ledger holds one payment.
    expect((await p.finance.get(`/tasks?caseId=${claimId}&kind=${KIND.payment}`).expect(200)).body.items).toEqual([]);

    const summary = await p.slso.get(`/mandates/${mandateId}/summary`).expect(200);
    const staff = summary.body.categories.find((c: { category: string }) => c.category === 'staff');
    expect(staff.paidOre).toBeGreaterThanOrEqual(4_200_000);
    expect(summary.body.total.outstandingOre).toBe(summary.body.total.approvedOre - summary.body.total.paidOre);
  });

  it('partial approval: every reduction needs a reason, and never more than claimed', async () => {
    const claimId = await openClaim(p, mandateId);
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    const tooMuch = await complete(p.approver, claimId, KIND.review, {
      decision: 'approve_in_part',
      lines: [{ lineNo: 1, approvedOre: 4_300_000 }, { lineNo: 2, approvedOre: 950_000 }, { lineNo: 3, approvedOre: 120_000 }],
    }, 422);
    expect(tooMuch.reason).toBe('line 1: approved 4300000 öre is more than the claimed 4200000 öre');
    const noReason = await complete(p.approver, claimId, KIND.review, {
      decision: 'approve_in_part',
      lines: [{ lineNo: 1, approvedOre: 3_000_000 }, { lineNo: 2, approvedOre: 950_000 }, { lineNo: 3, approvedOre: 120_000 }],
    }, 422);
    expect(noReason.reason).toBe('line 1: a reduction needs a reason');
    await complete(p.approver, claimId, KIND.review, {
      decision: 'approve_in_part',
      lines: [
        { lineNo: 1, approvedOre: 3_000_000, reason: 'Timmar utanför uppdraget' },
        { lineNo: 2, approvedOre: 950_000 },
        { lineNo: 3, approvedOre: 0, reason: 'Resan gällde annat uppdrag' },
      ],
    });
    await complete(p.finance, claimId, KIND.payment, { paymentReference: 'BET-2021-0043', paidOn: '2021-02-16' });
    const state = await expectLedgerMatches(stack, p, claimId);
    expect(state.approval.totalOre).toBe(3_950_000);
    const categories = await sql<{ category: string }>(stack.config, `SELECT DISTINCT category FROM ledger_entries WHERE source_id = $1 ORDER BY 1`, [claimId]);
    expect(categories.map((c) => c.category)).toEqual(['protective_equipment', 'staff']); // nothing booked for the zeroed line
  });

  it('sent back, amended as a new revision, resubmitted and approved; the submitted revision stays frozen', async () => {
    const claimId = await openClaim(p, mandateId);
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    await p.slso.put(`/claims/${claimId}/draft`).send({ periodFrom: '2020-11-02', periodTo: '2020-11-30', lines: LINES }).expect(409);
    await complete(p.approver, claimId, KIND.review, { decision: 'send_back' }, 422); // a comment is needed
    await complete(p.approver, claimId, KIND.review, { decision: 'send_back', comment: 'Underlag saknas för resan' });
    expect((await claimState(p, claimId)).status).toBe('sent_back');

    const amend = await waitForTask(p.slso, claimId, KIND.amend);
    expect((await p.slso.get(`/tasks/${amend.id}`).expect(200)).body.input.comment).toBe('Underlag saknas för resan');
    await complete(p.slso, claimId, KIND.amend, { lines: [LINES[0], LINES[1], line('2020-11-20', 'travel', 120_000, 'Resa, med kvitto')], comment: 'Kvitto bifogat' });

    const resubmitted = await claimState(p, claimId);
    expect(resubmitted.status).toBe('under_review');
    expect(resubmitted.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(resubmitted.revisions[0].lines[2].description).toBe('Samordning'); // revision 1 as submitted
    expect(resubmitted.revisions[0].reviews[0]).toMatchObject({ decision: 'send_back', by: { actor: 'harald.hsf' } });
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' });
    await complete(p.finance, claimId, KIND.payment, { paymentReference: 'BET-2021-0044', paidOn: '2021-02-17' });
    const state = await expectLedgerMatches(stack, p, claimId);
    expect(state).toMatchObject({ status: 'paid', approval: { totalOre: 5_270_000 } });
  });

  it('rejection needs a reason and books nothing', async () => {
    const claimId = await openClaim(p, mandateId);
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    await complete(p.approver, claimId, KIND.review, { decision: 'reject' }, 422);
    await complete(p.approver, claimId, KIND.review, { decision: 'reject', reason: 'Kostnaderna ryms inte i uppdraget' });
    const state = await expectLedgerMatches(stack, p, claimId);
    expect(state).toMatchObject({ status: 'rejected', rejection: { reason: 'Kostnaderna ryms inte i uppdraget' } });
  });

  it('withdrawal before approval closes the open tasks as cancelled', async () => {
    const claimId = await openClaim(p, mandateId);
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    const review = await waitForTask(p.approver, claimId, KIND.review);
    await p.approver.post(`/claims/${claimId}/withdraw`).send({ reason: 'x' }).expect(403); // HSF cannot withdraw SLSO's claim
    await p.slso.post(`/claims/${claimId}/withdraw`).send({ reason: 'Dubblett' }).expect(200);
    const [task] = await sql<{ status: string }>(stack.config, 'SELECT status FROM tasks WHERE id = $1', [review.id]);
    expect(task.status).toBe('cancelled');
    await p.approver.post(`/tasks/${review.id}/complete`).send({ decision: { decision: 'approve' } }).expect(409);
    await p.slso.post(`/claims/${claimId}/withdraw`).send({ reason: 'igen' }).expect(409);
    expect((await expectLedgerMatches(stack, p, claimId)).status).toBe('withdrawn');
  });

  it('refuses a line outside the mandate’s validity or the claimed period, naming the line', async () => {
    const outside = await p.slso
      .post('/claims')
      .set('Idempotency-Key', `claim-outside-${Date.now()}`)
      .send({ mandateId, periodFrom: '2020-11-02', periodTo: '2021-01-31', lines: [LINES[0], line('2021-02-01', 'staff', 100_000)] })
      .expect(400);
    expect(outside.body).toMatchObject({ field: 'lines[1].date' });
    expect(outside.body.message).toBe('line 2 (2021-02-01) is outside the validity of HDIR 20348 2020-11-02–2021-01-31; line 2 (2021-02-01) is outside the claimed period 2020-11-02–2021-01-31');

    const claimId = await openClaim(p, mandateId);
    const draft = await p.slso.put(`/claims/${claimId}/draft`).send({ periodFrom: '2020-11-02', periodTo: '2020-11-15', lines: LINES }).expect(400);
    expect(draft.body.message).toContain('line 3 (2020-11-20) is outside the claimed period 2020-11-02–2020-11-15');
    await p.slso.put(`/claims/${claimId}/draft`).send({ periodFrom: '2020-11-02', periodTo: '2020-11-30', lines: LINES.slice(0, 2) }).expect(200);
    expect((await claimState(p, claimId)).revisions[0].lines).toHaveLength(2);
  });

  it('never lets the submitter approve their own claim', async () => {
    const claimId = await openClaim(p, mandateId);
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    const refused = await complete(p.submitterAtHsf, claimId, KIND.review, { decision: 'approve' }, 403);
    expect(refused.reason).toBe('the person who submitted the claim cannot approve it');
    expect((await claimState(p, claimId)).status).toBe('under_review');
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' });
  });

  it('needs a second, different HSF approver above the threshold', async () => {
    const big = [line('2020-11-10', 'staff', 45_000_000), line('2020-12-01', 'premises', 10_000_000)]; // 550 000 kr
    const claimId = await openClaim(p, mandateId, big, { periodFrom: '2020-11-02', periodTo: '2020-12-31' });
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' });
    expect((await claimState(p, claimId)).status).toBe('awaiting_second_approval');
    expect((await sql(stack.config, 'SELECT 1 FROM ledger_entries WHERE source_id = $1', [claimId])).length).toBe(0);

    const same = await complete(p.approver, claimId, KIND.second, { decision: 'approve' }, 403);
    expect(same.reason).toBe('the second approver must be another person than the first');
    await complete(p.secondApprover, claimId, KIND.second, { decision: 'approve' });
    const approved = await claimState(p, claimId);
    expect(approved.approval.approvers.map((a: { actor: string }) => a.actor)).toEqual(['harald.hsf', 'hanna.hsf']);
    await complete(p.finance, claimId, KIND.payment, { paymentReference: 'BET-2021-0050', paidOn: '2021-02-20' });
    expect((await expectLedgerMatches(stack, p, claimId)).payment.amountOre).toBe(55_000_000);
  });

  it("never approves past a mandate's ceiling; the refused approval leaves the review open", async () => {
    const created = await p.admin.post('/mandates').send({
      reference: `HDIR-TAK-${Date.now()}`,
      title: 'Mandat med tak',
      decidedOn: '2020-11-02',
      validFrom: '2020-11-02',
      validTo: '2021-01-31',
      payerOrg: 'HSF',
      payeeOrg: 'SLSO',
      ceilingOre: 6_000_000,
    }).expect(201);
    const first = await openClaim(p, created.body.id);
    await p.slso.post(`/claims/${first}/submit`).expect(200);
    await complete(p.approver, first, KIND.review, { decision: 'approve' }); // 5 270 000 of 6 000 000
    const second = await openClaim(p, created.body.id);
    await p.slso.post(`/claims/${second}/submit`).expect(200);
    const refused = await complete(p.approver, second, KIND.review, { decision: 'approve' }, 409);
    expect(refused.reason).toContain('over its ceiling of 6000000 öre');
    expect((await claimState(p, second)).status).toBe('under_review');
    await complete(p.approver, second, KIND.review, {
      decision: 'approve_in_part',
      lines: [{ lineNo: 1, approvedOre: 730_000, reason: 'Taket' }, { lineNo: 2, approvedOre: 0, reason: 'Taket' }, { lineNo: 3, approvedOre: 0, reason: 'Taket' }],
    });
    const summary = await p.slso.get(`/mandates/${created.body.id}/summary`).expect(200);
    expect(summary.body).toMatchObject({ total: { approvedOre: 6_000_000 }, ceilingRemainingOre: 0 });
    await expectLedgerMatches(stack, p, first);
    await expectLedgerMatches(stack, p, second);
  });
});

describe('review deadlines as durable timers (short configured review time)', () => {
  const stack = useTestStack({ REIMBURSEMENT_REVIEW_DUE: '3s', REIMBURSEMENT_REVIEW_REMINDER_BEFORE: '2s' });
  let p: People;
  beforeAll(async () => {
    p = await people(stack);
  });

  it('reminds HSF before the review falls due and escalates to its coordinator after', async () => {
    const claimId = await openClaim(p, await hdir20348(p));
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    const reminder = await waitForTask(p.approver, claimId, KIND.reminder);
    expect(reminder).toBeDefined();
    const escalation = await waitForTask(p.coordinator, claimId, KIND.escalation);
    const detail = await p.coordinator.get(`/tasks/${escalation.id}`).expect(200);
    expect(detail.body.input).toMatchObject({ overdueKind: KIND.review });
    const events = (await claimState(p, claimId)).events.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['review_reminder', 'review_overdue']));
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' }); // still answerable when late
  });
});

describe('a step that fails after booking the payment is retried and books once', () => {
  let failures = 0;
  /** Fault injection around the real activity: the payment's step is written in PostgreSQL, then the worker "crashes". */
  const failOnceAfterBooking = (a: AllActivities): AllActivities => ({
    ...a,
    applyCaseStep: async (step) => {
      const result = await a.applyCaseStep(step);
      const paysOut = step.effects.some((e) => e.type === 'ledger.book' && e.bookings.some((b) => b.kind === 'paid'));
      if (paysOut && failures === 0) {
        failures += 1;
        throw new Error('simulated crash after the payment was booked');
      }
      return result;
    },
  });
  const stack = useTestStack({}, { wrapActivities: failOnceAfterBooking });
  let p: People;
  beforeAll(async () => {
    p = await people(stack);
  });

  it('pays the claim once', async () => {
    const claimId = await openClaim(p, await hdir20348(p));
    await p.slso.post(`/claims/${claimId}/submit`).expect(200);
    await complete(p.approver, claimId, KIND.review, { decision: 'approve' });
    await complete(p.finance, claimId, KIND.payment, { paymentReference: 'BET-2021-0099', paidOn: '2021-03-01' });
    expect(failures).toBe(1);
    const state = await expectLedgerMatches(stack, p, claimId);
    expect(state.payment.amountOre).toBe(5_270_000);
    const paid = await sql<{ n: number }>(stack.config, `SELECT count(*)::int AS n FROM ledger_entries WHERE source_id = $1 AND kind = 'paid'`, [claimId]);
    expect(paid).toEqual([{ n: 3 }]); // one row per category, once
  });
});
