/**
 * Faults the four hand-wired copies of the case machinery had drifted into, each tested through the API as the
 * people concerned meet them (issue 9). Every test here failed on the code before the shared case runtime.
 * Area workflow ids are one per area on the shared Temporal server, so these tests use areas no other test file does.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../libs/auth/src/principal';
import { AREA_TASK_KINDS } from '../../libs/contracts/src/coordination-area.contract';
import { DISCHARGE_HANDOVER_WORKFLOW_TYPE, DISCHARGE_TASK_KINDS, dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { CLAIM_TASK_KINDS } from '../../libs/contracts/src/reimbursement-claim.contract';
import { Caller, callerFor, dischargeInput, dischargeNotice, HISTORIC_STAYS, sql, temporalClient, TestStack, useTestStack, waitForTask } from '../support/test-app';

const KIND = { ...DISCHARGE_TASK_KINDS, area: AREA_TASK_KINDS, claim: CLAIM_TASK_KINDS };
const as = (stack: TestStack, org: string, role: Role, person?: string) => callerFor(stack.app, stack.config, org, [role], person ?? `${org.toLowerCase()}-${role}`);

let keys = 0;
const key = (what: string) => `kernel-${what}-${process.pid}-${(keys += 1)}`;

async function complete(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, caseId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const openTasks = (stack: TestStack, caseId: string) =>
  sql<{ kind: string }>(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND status = 'open' ORDER BY kind`, [caseId]).then((rows) => rows.map((r) => r.kind));

/** A stay with fixed instants (Stockholm time), long past, so no test depends on today's date. */
async function openStay(stack: TestStack, stay: { admittedAt: string; estimatedDischargeDate: string }, overrides: Record<string, unknown> = {}) {
  const hospital = await as(stack, 'KS', 'case_handler');
  const res = await hospital.post('/discharge-handovers').set('Idempotency-Key', key('stay')).send(dischargeNotice({ ...stay, ...overrides }));
  if (res.status !== 201) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId as string;
}

/**
 * A stay opened before issue 11, whose rules its policy carries (rule version 1, as a continued run carries them):
 * its clocks count from the doctor's `declaredAt`, so a stay long past can reach its liability day through the API.
 * A case opened today counts from when the notice went out (the server's clock), which no test can move back.
 */
async function openStayBeforeIssue11(stack: TestStack, stay: { admittedAt: string; estimatedDischargeDate: string }) {
  const caseId = randomUUID();
  const input = dischargeInput(caseId, {
    openedBy: { actor: 'ks-case_handler', organisationCode: 'KS' },
    admittedAt: new Date(stay.admittedAt).toISOString(),
    openedAt: new Date(stay.admittedAt).toISOString(),
    estimatedDischargeDate: stay.estimatedDischargeDate,
    policy: { noticeDeadlineHours: 24, ruleVersion: 1 },
  });

  const temporal = await temporalClient(stack.config);
  try {
    await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, workflowId: dischargeHandoverWorkflowId(caseId), args: [input] });
  } finally {
    await temporal.close();
  }
  await waitForTask(await as(stack, '0125', 'case_handler'), caseId, KIND.needsAssessment);
  return caseId;
}

/** The municipality needs nothing, the patient is ready at `readyAt`, the vårdcentral takes over, and leaves at `dischargedAt`. */
async function dischargeStay(stack: TestStack, caseId: string, readyAt: string, dischargedAt: string) {
  const hospital = await as(stack, 'KS', 'case_handler');
  await complete(await as(stack, '0125', 'case_handler'), caseId, KIND.needsAssessment, { outcome: 'not_needed' });
  await hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: readyAt }).expect(200);
  await complete(await as(stack, 'VC-EKERO', 'case_handler'), caseId, KIND.takeover, { acknowledged: true });
  return (await hospital.post(`/discharge-handovers/${caseId}/discharge`).send({ dischargedAt }).expect(200)).body;
}

async function mandateWithCeiling(stack: TestStack, ceilingOre: number): Promise<string> {
  const admin = await as(stack, 'HSF', 'register_admin');
  const res = await admin
    .post('/mandates')
    .send({ reference: key('mandate'), title: 'Mandat med tak', decidedOn: '2020-11-02', validFrom: '2020-11-02', validTo: '2021-01-31', payerOrg: 'HSF', payeeOrg: 'SLSO', ceilingOre })
    .expect(201);
  return res.body.id;
}

async function submittedClaim(stack: TestStack, mandateId: string, amountOre: number): Promise<string> {
  const slso = await as(stack, 'SLSO', 'case_handler', 'sara.slso');
  const line = { date: '2020-11-10', category: 'staff', description: 'Samordning', amountOre, documentRef: 'UND-1' };
  const res = await slso.post('/claims').set('Idempotency-Key', key('claim')).send({ mandateId, periodFrom: '2020-11-02', periodTo: '2020-11-30', lines: [line] }).expect(201);
  await slso.post(`/claims/${res.body.claimId}/submit`).expect(200);
  return res.body.claimId;
}

describe('1. an answer the case refuses leaves its task exactly as it was, deadline included', () => {
  const stack = useTestStack({ REIMBURSEMENT_REVIEW_DUE: '5s', REIMBURSEMENT_REVIEW_REMINDER_BEFORE: '2s' });

  it("escalates the review after the mandate's ceiling refused its approval", async () => {
    const claimId = await submittedClaim(stack, await mandateWithCeiling(stack, 1_000_000), 4_200_000);
    const approver = await as(stack, 'HSF', 'approver', 'harald.hsf');
    const review = await waitForTask(approver, claimId, KIND.claim.review);
    const dueAt = Date.parse((await approver.get(`/tasks/${review.id}`).expect(200)).body.dueAt);
    const refused = await complete(approver, claimId, KIND.claim.review, { decision: 'approve' }, 409);
    expect(refused.reason).toContain('over its ceiling of 1000000 öre');
    // The refusal came before the reminder (2 s before the due time): what follows is the refused review's own.
    expect(Date.now()).toBeLessThan(dueAt - 2_000);
    // The review's reminder and its escalation still come, on the review's own deadline.
    await waitForTask(approver, claimId, KIND.claim.reminder);
    await waitForTask(await as(stack, 'HSF', 'coordinator'), claimId, KIND.claim.escalation);
    expect((await approver.get(`/claims/${claimId}`).expect(200)).body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['review_reminder', 'review_overdue']),
    );
  });
});

describe('2. no task stays open in an inbox once its case has ended or moved on', () => {
  const stack = useTestStack({
    ...HISTORIC_STAYS,
    REIMBURSEMENT_REVIEW_DUE: '3s',
    REIMBURSEMENT_REVIEW_REMINDER_BEFORE: '2s',
    DISCHARGE_SIP_DEADLINE: 'rolling',
    DISCHARGE_SIP_CALL_DUE: '2s',
    COORDINATION_ONBOARDING_DUE: '2s',
  });

  it("a paid claim closes its review's reminder and escalation", async () => {
    const claimId = await submittedClaim(stack, await mandateWithCeiling(stack, 100_000_000), 500_000);
    const approver = await as(stack, 'HSF', 'approver', 'harald.hsf');
    await waitForTask(approver, claimId, KIND.claim.reminder);
    await waitForTask(await as(stack, 'HSF', 'coordinator'), claimId, KIND.claim.escalation);
    await complete(approver, claimId, KIND.claim.review, { decision: 'approve' });
    await complete(await as(stack, 'HSF-FIN', 'finance'), claimId, KIND.claim.payment, { paymentReference: 'BET-1', paidOn: '2021-02-01' });
    expect(await openTasks(stack, claimId)).toEqual([]);
  });

  it('a claim rejected at the second approval leaves nothing open', async () => {
    const claimId = await submittedClaim(stack, await mandateWithCeiling(stack, 100_000_000), 60_000_000); // above the 500 000 kr threshold
    const approver = await as(stack, 'HSF', 'approver', 'harald.hsf');
    await waitForTask(approver, claimId, KIND.claim.reminder);
    await complete(approver, claimId, KIND.claim.review, { decision: 'approve' });
    await complete(await as(stack, 'HSF', 'approver', 'hanna.hsf'), claimId, KIND.claim.secondApproval, { decision: 'reject', reason: 'Underlag saknas' });
    expect(await openTasks(stack, claimId)).toEqual([]);
  });

  it('a revoked utskrivningsklar notice closes the escalations about its tasks; the system, not the hospital, notes the delay', async () => {
    const caseId = await openStay(stack, { admittedAt: '2025-02-25T08:00:00+01:00', estimatedDischargeDate: '2025-03-05' });
    const hospital = await as(stack, 'KS', 'case_handler');
    await hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: '2025-03-03T09:00:00+01:00' }).expect(200);
    await waitForTask(await as(stack, 'VC-EKERO', 'coordinator'), caseId, KIND.escalation); // the SIP call's 2 s (rolling) passed
    await hospital.post(`/discharge-handovers/${caseId}/revoke-ready`).send({ reason: 'Feber' }).expect(200);
    expect(await openTasks(stack, caseId)).not.toContain(KIND.escalation);
    const timeline = (await hospital.get(`/cases/${caseId}`).expect(200)).body.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'task_overdue')).toMatchObject({ actor: 'system', organisationCode: null });
  });

  it("a handover closes the escalations about the old vårdcentral's onboarding", async () => {
    const hsn = await as(stack, 'HSN', 'approver');
    const designated = await hsn.post('/coordination/areas/0117/designations').send({ vardcentralCode: 'VC-NACKA', startDate: '2021-02-01' }).expect(200);
    const caseId = designated.body.caseId;
    await complete(await as(stack, 'VC-NACKA', 'case_handler'), caseId, KIND.area.accept, { accept: true });
    await waitForTask(await as(stack, 'SLSO', 'coordinator'), caseId, KIND.area.escalation);
    await hsn.post('/coordination/areas/0117/designations').send({ vardcentralCode: 'VC-TABY', startDate: '2022-01-01' }).expect(200);
    await complete(await as(stack, 'VC-TABY', 'case_handler'), caseId, KIND.area.accept, { accept: true });
    const escalationsAboutOld = await sql(
      stack.config,
      `SELECT e.id FROM tasks e JOIN tasks t ON t.id::text = e.input->>'overdueTaskId'
       WHERE e.case_id = $1 AND e.status = 'open' AND t.assigned_org IN ('VC-NACKA', 'SLSO') AND t.status <> 'open'`,
      [caseId],
    );
    expect(escalationsAboutOld).toEqual([]);
    expect(await sql(stack.config, `SELECT 1 FROM tasks WHERE case_id = $1 AND status = 'open' AND assigned_org = 'VC-NACKA'`, [caseId])).toEqual([]);
  });
});

describe('3 and 4. parties who joined later see the case; an area is for its parties; impossible dates are refused', () => {
  const stack = useTestStack(HISTORIC_STAYS);

  it('ASIH, taking over a weekend discharge, reads the case and the patient’s summary', async () => {
    const caseId = await openStay(stack, { admittedAt: '2025-02-25T08:00:00+01:00', estimatedDischargeDate: '2025-03-08' }, { needs: { municipal: [], region: ['asih'] } });
    // Saturday 8 March 2025 at 13:00: ASIH takes over, and joins the case.
    await (await as(stack, 'KS', 'case_handler')).post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: '2025-03-08T09:00:00+01:00', plannedDischargeAt: '2025-03-08T13:00:00+01:00' }).expect(200);
    const asih = await as(stack, 'ASIH-NORR', 'case_handler');
    expect((await asih.get(`/discharge-handovers/${caseId}`).expect(200)).body.takeover).toMatchObject({ receiver: 'asih', organisationCode: 'ASIH-NORR' });
    await asih.get(`/discharge-handovers/${caseId}/summary`).expect(200);
    await (await as(stack, '0126', 'case_handler')).get(`/discharge-handovers/${caseId}`).expect(404);
  });

  it('HSF finance, invoicing the payment liability, gets the basis in its task and, by need to know, not the case', async () => {
    // Ready on Tuesday 1 March 2022 at 09:00, discharged on 7 March: liable from 4 March (2022's amount is seeded).
    const caseId = await openStayBeforeIssue11(stack, { admittedAt: '2022-02-20T08:00:00+01:00', estimatedDischargeDate: '2022-03-01' });
    await dischargeStay(stack, caseId, '2022-03-01T09:00:00+01:00', '2022-03-07T10:00:00+01:00');
    const finance = await as(stack, 'HSF-FIN', 'finance');
    const invoice = await waitForTask(finance, caseId, KIND.invoice);
    expect((await finance.get(`/tasks/${invoice.id}`).expect(200)).body.input.basis).toMatchObject({ liableDays: 4, totalOre: 3_720_000 });
    // HSF-FIN is a party now, but finance has no need to read a patient's discharge: 403, and not in its list.
    await finance.get(`/discharge-handovers/${caseId}`).expect(403);
    await finance.get(`/cases/${caseId}`).expect(403);
    expect((await finance.get('/cases?limit=200').expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await sql<{ parties: string[] }>(stack.config, 'SELECT parties FROM cases WHERE id = $1', [caseId]))[0].parties).toContain('HSF-FIN');
  });

  it("an area's case is for the area, HSN, SLSO and its vårdcentraler; another municipality gets 404", async () => {
    const hsn = await as(stack, 'HSN', 'approver');
    await hsn.post('/coordination/areas/0120/designations').send({ vardcentralCode: 'VC-SOLNA', startDate: '2021-02-01' }).expect(200);
    await (await as(stack, '0120', 'case_handler')).get('/coordination/areas/0120').expect(200);
    await (await as(stack, 'VC-SOLNA', 'case_handler')).get('/coordination/areas/0120').expect(200);
    await (await as(stack, '0126', 'case_handler')).get('/coordination/areas/0120').expect(404);
    await (await as(stack, 'KS', 'case_handler')).get('/coordination/areas/0120').expect(404);
  });

  it('refuses an impossible date in a task answer (no 30 February)', async () => {
    const caseId = await openStay(stack, { admittedAt: '2025-02-25T08:00:00+01:00', estimatedDischargeDate: '2025-03-05' });
    const refused = await complete(await as(stack, '0125', 'case_handler'), caseId, KIND.needsAssessment, { outcome: 'granted', services: ['home_care'], startDate: '2027-02-30' }, 422);
    expect(refused.reason).toBe('decision.startDate must be a date YYYY-MM-DD');
  });
});

// Stays opened before issue 11 (counting from declaredAt), the only ones that reach a liability day through the API
// without waiting real days; test/workflow/discharge-liability.spec.ts runs the same with today's rules.
describe('5. payment liability waits for each missing daily amount once, and wakes when one is registered', () => {
  const stack = useTestStack(HISTORIC_STAYS);

  it('two years without a daily amount: one registration task each, then one invoice basis', async () => {
    // Ready on Thursday 28 December 2023, discharged on 2 January 2024: liable 31 December, 1 and 2 January.
    const caseId = await openStayBeforeIssue11(stack, { admittedAt: '2023-12-20T08:00:00+01:00', estimatedDischargeDate: '2023-12-28' });
    const done = await dischargeStay(stack, caseId, '2023-12-28T09:00:00+01:00', '2024-01-02T10:00:00+01:00');
    expect(done.discharge).toMatchObject({ paymentLiability: null, awaitingDailyAmounts: [2023, 2024] });
    const admin = await as(stack, 'HSF', 'reference_admin');
    for (let i = 0; i < 4; i++) {
      const open = (await admin.get(`/tasks?caseId=${caseId}&kind=${KIND.registerDailyAmount}`).expect(200)).body.items;
      if (open.length === 0) break;
      await admin.post(`/tasks/${open[0].id}/complete`).send({ decision: { amountOre: 950_000 } }).expect(200);
    }
    await waitForTask(await as(stack, 'HSF-FIN', 'finance'), caseId, KIND.invoice);
    const tasks = await sql<{ kind: string; n: number }>(stack.config, `SELECT kind, count(*)::int AS n FROM tasks WHERE case_id = $1 AND kind IN ($2, $3) GROUP BY kind ORDER BY kind`, [
      caseId,
      KIND.registerDailyAmount,
      KIND.invoice,
    ]);
    expect(tasks).toEqual([
      { kind: KIND.registerDailyAmount, n: 2 },
      { kind: KIND.invoice, n: 1 },
    ]);
  });

  it('a daily amount registered through the API wakes the case waiting for it', async () => {
    // 2021 has no seeded amount: ready on Monday 1 March 2021, discharged on 8 March, liable from 4 March.
    const caseId = await openStayBeforeIssue11(stack, { admittedAt: '2021-02-20T08:00:00+01:00', estimatedDischargeDate: '2021-03-01' });
    await dischargeStay(stack, caseId, '2021-03-01T09:00:00+01:00', '2021-03-08T10:00:00+01:00');
    const admin = await as(stack, 'HSF', 'reference_admin');
    const registration = await waitForTask(admin, caseId, KIND.registerDailyAmount);
    await admin.put('/payment-liability/daily-amounts/2021').send({ amountOre: 850_000 }).expect(200);
    await waitForTask(await as(stack, 'HSF-FIN', 'finance'), caseId, KIND.invoice);
    const [task] = await sql<{ status: string }>(stack.config, 'SELECT status FROM tasks WHERE id = $1', [registration.id]);
    expect(task.status).toBe('cancelled');
  });
});

describe('7. every case view says what the case waits for, with a date', () => {
  const stack = useTestStack(HISTORIC_STAYS);

  it('an open discharge case waits for its tasks, until the first falls due', async () => {
    const caseId = await openStay(stack, { admittedAt: '2025-02-25T08:00:00+01:00', estimatedDischargeDate: '2025-03-05' });
    const municipality = await as(stack, '0125', 'case_handler');
    const view = (await municipality.get(`/cases/${caseId}`).expect(200)).body;
    const firstDue = view.openTasks.map((t: { dueAt: string }) => t.dueAt).sort()[0];
    expect(view.waitingFor).toEqual({ what: 'tasks', description: expect.stringContaining('discharge.acknowledge_notice (0125)'), until: firstDue });
    expect((await municipality.get(`/discharge-handovers/${caseId}`).expect(200)).body.waitingFor).toEqual(view.waitingFor);
  });
});
