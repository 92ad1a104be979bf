/**
 * The discharge handover end to end, on the real Temporal server and PostgreSQL, each organisation acting
 * through the HTTP API from its own inbox.
 */
import type { INestApplication } from '@nestjs/common';
import type { Role } from '../../libs/auth/src/principal';
import type { AppConfig } from '../../libs/config/src/app-config';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { sipCallDueAt } from '../../libs/domain/src/discharge/sip-deadline';
import { Caller, callerFor, dischargeNotice, HISTORIC_STAYS, sql, temporalClient, useTestStack, waitForTask } from '../support/test-app';
import { stockholmDate } from '../../libs/domain/src/time/stockholm';
import { stockholmMidnight } from '../../libs/domain/src/time/stockholm-clock';
import { addDays, daysBetween } from '../../libs/domain/src/time/swedish-holidays';

const DAY = 86_400_000;
const KIND = {
  ackNotice: 'discharge.acknowledge_notice',
  fastVardkontakt: 'discharge.appoint_fast_vardkontakt',
  assessment: 'discharge.needs_assessment',
  information: 'discharge.provide_information',
  ackReady: 'discharge.acknowledge_ready',
  sip: 'discharge.call_sip',
  takeover: 'discharge.takeover_medical_responsibility',
  escalation: 'discharge.escalation',
  registerAmount: 'discharge.register_daily_amount',
  invoice: 'finance.invoice_payment_liability',
};

interface Parties {
  hospital: Caller;
  municipality: Caller;
  vardcentral: Caller;
  asih: Caller;
  finance: Caller;
  hsfAdmin: Caller;
  vardcentralCoordinator: Caller;
}

async function partiesFor(app: INestApplication, config: AppConfig): Promise<Parties> {
  const as = (org: string, role: Role) => callerFor(app, config, org, [role], `${org.toLowerCase()}-${role}`);
  return {
    hospital: await as('KS', 'case_handler'),
    municipality: await as('0125', 'case_handler'),
    vardcentral: await as('VC-EKERO', 'case_handler'),
    asih: await as('ASIH-NORR', 'case_handler'),
    finance: await as('HSF-FIN', 'finance'),
    hsfAdmin: await as('HSF', 'reference_admin'),
    vardcentralCoordinator: await as('VC-EKERO', 'coordinator'),
  };
}

let keys = 0;
async function openCase(p: Parties, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await p.hospital
    .post('/discharge-handovers')
    .set('Idempotency-Key', `process-${Date.now()}-${(keys += 1)}`)
    .send(dischargeNotice({ admittedAt: new Date(Date.now() - 7 * DAY).toISOString(), ...overrides }))
    .expect(201);
  return res.body.caseId;
}

/** `who` finds the task of `kind` for the case in its inbox and answers it. */
async function answer(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, caseId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function plan(p: Parties, caseId: string) {
  await answer(p.municipality, caseId, KIND.ackNotice, { acknowledged: true });
  await answer(p.vardcentral, caseId, KIND.ackNotice, { acknowledged: true });
  await answer(p.vardcentral, caseId, KIND.fastVardkontakt, { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78' });
  await answer(p.municipality, caseId, KIND.assessment, { outcome: 'granted', services: ['home_care'], startDate: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
}

const state = async (p: Parties, caseId: string) => (await p.hospital.get(`/discharge-handovers/${caseId}`).expect(200)).body;
/**
 * Declared ready now, leaving on a fixed weekday morning (Tuesday 26 November 2030, 10:00): who takes over medical
 * responsibility then never depends on the day or hour the tests run (a weekend afternoon would give ASIH).
 */
const declareReady = (p: Parties, caseId: string, body: Record<string, unknown> = {}) =>
  p.hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: new Date().toISOString(), plannedDischargeAt: '2030-11-26T10:00:00+01:00', ...body });
const discharge = (p: Parties, caseId: string, at = new Date()) =>
  p.hospital.post(`/discharge-handovers/${caseId}/discharge`).send({ dischargedAt: at.toISOString() });

async function workflowResult(config: AppConfig, caseId: string) {
  const temporal = await temporalClient(config);
  try {
    return await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).result();
  } finally {
    await temporal.close();
  }
}

describe('discharge handover, end to end through the API', () => {
  const stack = useTestStack(HISTORIC_STAYS);
  let p: Parties;
  beforeAll(async () => {
    p = await partiesFor(stack.app, stack.config);
  });

  it('weekday discharge: the vårdcentral takes over, same day, no payment liability', async () => {
    const caseId = await openCase(p);
    await plan(p, caseId);
    // Declared ready at the start of this Stockholm day and discharged at an instant taken before that, so both
    // fall on one Stockholm calendar day whatever the hour the test runs (a run across midnight cannot split them).
    const dischargedAt = new Date();
    const declaredAt = new Date(stockholmMidnight(stockholmDate(dischargedAt))).toISOString();
    // Tuesday 23 November 2027, 10:00: a weekday.
    await declareReady(p, caseId, { declaredAt, plannedDischargeAt: '2027-11-23T10:00:00+01:00' }).expect(200);

    await answer(p.municipality, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10) });
    expect((await state(p, caseId)).takeover).toEqual({ receiver: 'primary_care', organisationCode: 'VC-EKERO' });
    await answer(p.vardcentral, caseId, KIND.takeover, { acknowledged: true, responsiblePhysician: 'Dr Eva Ek' });

    const done = await discharge(p, caseId, dischargedAt).expect(200);
    expect(done.body).toMatchObject({ status: 'discharged', discharge: { daysFromReady: 0, sameDay: true, paymentLiability: null } });

    const summary = await p.municipality.get(`/discharge-handovers/${caseId}/summary`).expect(200);
    expect(summary.body).toMatchObject({
      patientName: 'Tolvan Tolvansson',
      fastVardkontakt: { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78', organisationCode: 'VC-EKERO' },
      plannedSipDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      municipalServices: { services: ['home_care'] },
      medicalResponsibility: { organisationCode: 'VC-EKERO', receiver: 'primary_care', acknowledged: true },
    });
    expect(summary.body.contacts).toContainEqual({ role: 'fast vårdkontakt (vårdcentral)', organisationCode: 'VC-EKERO', organisationName: 'Ekerö vårdcentral' });
    expect((await workflowResult(stack.config, caseId)).status).toBe('discharged');
    const open = await sql(stack.config, `SELECT 1 FROM tasks WHERE case_id = $1 AND status = 'open'`, [caseId]);
    expect(open).toEqual([]);
  });

  it('holiday discharge: ASIH takes over on Kristi himmelsfärdsdag at 10:00 and joins the case', async () => {
    const caseId = await openCase(p, { needs: { municipal: ['home_care'], region: ['asih'] } });
    await plan(p, caseId);
    await declareReady(p, caseId, { plannedDischargeAt: '2027-05-06T10:00:00+02:00' }).expect(200);
    const declared = await state(p, caseId);
    expect(declared.takeover).toEqual({ receiver: 'asih', organisationCode: 'ASIH-NORR' });
    // The timeline says which rule decided.
    expect(declared.events.find((e: { type: string }) => e.type === 'ready_for_discharge_declared').detail.takeover).toMatchObject({
      receiver: 'asih',
      day: 'sunday_or_public_holiday',
      rule: 'sunday or public holiday 08:00–17:00: ASIH takes over',
    });
    // Primary care's checklist still holds: its kvittens of the notice and the SIP call.
    await answer(p.vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10) });

    // The vårdcentral gets no takeover task; ASIH does, and may now see the case.
    expect((await p.vardcentral.get(`/tasks?caseId=${caseId}&kind=${KIND.takeover}`).expect(200)).body.items).toEqual([]);
    await p.asih.get(`/cases/${caseId}`).expect(200);
    await answer(p.asih, caseId, KIND.takeover, { acknowledged: true });

    await discharge(p, caseId).expect(200);
    const summary = await p.hospital.get(`/discharge-handovers/${caseId}/summary`).expect(200);
    expect(summary.body.medicalResponsibility).toEqual({ organisationCode: 'ASIH-NORR', receiver: 'asih', acknowledged: true });
    expect(summary.body.contacts[0]).toMatchObject({ role: 'medical responsibility (ASIH)', organisationName: 'ASIH Stockholm Norr' });
  });

  it("refuses the discharge, naming the missing steps, until the routine's checklist and the municipal decision are in", async () => {
    const caseId = await openCase(p);
    const early = await discharge(p, caseId).expect(409);
    expect(early.body.missingSteps).toEqual(['ready_for_discharge_declared']);

    await declareReady(p, caseId).expect(200);
    const refused = await discharge(p, caseId).expect(409);
    expect(refused.body).toMatchObject({
      code: 'REFUSED_BY_WORKFLOW',
      missingSteps: [
        'ready_for_discharge_acknowledged_by_primary_care',
        'fast_vardkontakt_appointed',
        'sip_called',
        'takeover_of_medical_responsibility_acknowledged',
        'municipal_decision_on_services',
      ],
    });
    await answer(p.municipality, caseId, KIND.assessment, { outcome: 'not_needed' });
    await answer(p.vardcentral, caseId, KIND.takeover, { acknowledged: true });
    expect((await discharge(p, caseId).expect(409)).body.missingSteps).toEqual(['ready_for_discharge_acknowledged_by_primary_care', 'fast_vardkontakt_appointed', 'sip_called']);
    await answer(p.vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.fastVardkontakt, { name: 'Sara Sjöström' });
    expect((await discharge(p, caseId).expect(409)).body.missingSteps).toEqual(['sip_called']);
    expect((await state(p, caseId)).status).toBe('ready_for_discharge');

    await answer(p.vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
    await discharge(p, caseId).expect(200);
  });

  it('a patient with no municipal needs: the municipality gets no task, and the discharge needs no municipal decision', async () => {
    const caseId = await openCase(p, { needs: { municipal: [], region: ['primary_care_home_health_care'] } });
    await answer(p.vardcentral, caseId, KIND.ackNotice, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.fastVardkontakt, { name: 'Sara Sjöström' });
    await declareReady(p, caseId).expect(200);
    await answer(p.vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.takeover, { acknowledged: true });
    const done = await discharge(p, caseId).expect(200);
    expect(done.body).toMatchObject({ status: 'discharged', sip: { required: false } });
    expect(done.body.assessment).toBeUndefined();
    const municipalTasks = await sql(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND assigned_org = '0125'`, [caseId]);
    expect(municipalTasks).toEqual([]);
  });

  it('the municipality asks the hospital for more information, then decides', async () => {
    const caseId = await openCase(p);
    await answer(p.municipality, caseId, KIND.assessment, { outcome: 'granted' }, 422); // services and start are needed
    await answer(p.municipality, caseId, KIND.assessment, { outcome: 'more_information_requested', question: 'Klarar patienten trappor?' });

    const info = await waitForTask(p.hospital, caseId, KIND.information);
    const detail = await p.hospital.get(`/tasks/${info.id}`).expect(200);
    expect(detail.body.input).toEqual({ question: 'Klarar patienten trappor?', askedBy: '0125' });
    await p.hospital.post(`/tasks/${info.id}/complete`).send({ decision: { information: 'Ja, med stöd.' } }).expect(200);

    await answer(p.municipality, caseId, KIND.assessment, { outcome: 'granted', services: ['home_care', 'municipal_home_health_care'], startDate: '2027-01-10' });
    const s = await state(p, caseId);
    expect(s.informationRequests).toEqual([
      expect.objectContaining({ question: 'Klarar patienten trappor?', answer: 'Ja, med stöd.' }),
    ]);
    expect(s.assessment).toMatchObject({ outcome: 'granted', services: ['home_care', 'municipal_home_health_care'], startDate: '2027-01-10' });
    const timeline = (await p.municipality.get(`/cases/${caseId}`).expect(200)).body.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['more_information_requested', 'information_provided', 'needs_assessed']));
  });

  it('utskrivningsklar revoked (the clocks stop, the parties are told) and declared again', async () => {
    const caseId = await openCase(p);
    await declareReady(p, caseId, { plannedDischargeAt: '2027-11-23T10:00:00+01:00' }).expect(200);
    const firstAck = await waitForTask(p.municipality, caseId, KIND.ackReady);

    const revoked = await p.hospital.post(`/discharge-handovers/${caseId}/revoke-ready`).send({ reason: 'Feber' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'planning', readyAcknowledgements: {} });
    expect(revoked.body.takeover).toBeUndefined();
    const cancelled = await sql<{ kind: string; status: string }>(stack.config,
      `SELECT kind, status FROM tasks WHERE case_id = $1 AND kind IN ($2, $3, $4) ORDER BY kind`,
      [caseId, KIND.ackReady, KIND.sip, KIND.takeover],
    );
    expect(cancelled.every((t) => t.status === 'cancelled')).toBe(true);
    expect(cancelled.map((t) => t.kind).sort()).toEqual([KIND.ackReady, KIND.ackReady, KIND.sip, KIND.takeover].sort());
    await p.municipality.post(`/tasks/${firstAck.id}/complete`).send({ decision: { acknowledged: true } }).expect(409);
    await discharge(p, caseId).expect(409);

    // Declared again, now for a Saturday afternoon: new acknowledgement tasks, and ASIH takes over.
    await declareReady(p, caseId, { plannedDischargeAt: '2027-11-27T13:00:00+01:00' }).expect(200);
    const secondAck = await waitForTask(p.municipality, caseId, KIND.ackReady);
    expect(secondAck.id).not.toBe(firstAck.id);
    expect((await state(p, caseId)).takeover).toEqual({ receiver: 'asih', organisationCode: 'ASIH-NORR' });
    const events = (await state(p, caseId)).events.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t.startsWith('ready_for_discharge'))).toEqual([
      'ready_for_discharge_declared',
      'ready_for_discharge_revoked',
      'ready_for_discharge_declared',
    ]);
  });

  it('cancellation: the hospital ends the case early and every open task closes as cancelled', async () => {
    const caseId = await openCase(p);
    await declareReady(p, caseId).expect(200);
    await waitForTask(p.vardcentral, caseId, KIND.takeover);
    await p.hospital.post(`/discharge-handovers/${caseId}/cancel`).send({ reason: 'moved_to_other_inpatient_care' }).expect(200);
    const open = await sql(stack.config, `SELECT 1 FROM tasks WHERE case_id = $1 AND status = 'open'`, [caseId]);
    expect(open).toEqual([]);
    expect((await discharge(p, caseId).expect(409)).body.message).toBe('the case is cancelled');
    expect((await workflowResult(stack.config, caseId)).cancellation).toMatchObject({ reason: 'moved_to_other_inpatient_care' });
  });

  it('counts from when the utskrivningsklar notice went out, not from a backdated judgement: no liability, and the SIP call due at the end of the third calendar day', async () => {
    // The doctor judged the patient ready 5 days ago; the hospital sends the notice now. Counted from the judgement
    // (before issue 11) the municipality would already be liable; counted from the notice it is not.
    const caseId = await openCase(p);
    await plan(p, caseId);
    // Noon in Stockholm five calendar days ago: whatever the hour and however a clock change falls in between.
    const declaredAt = new Date(stockholmMidnight(addDays(stockholmDate(new Date()), -5)) + 12 * 3_600_000).toISOString();
    const ready = await declareReady(p, caseId, { declaredAt }).expect(200);
    expect(ready.body.readyForDischargeAt).toBe(declaredAt);
    const noticeAt = ready.body.readyNoticeAt as string;
    expect(Math.abs(Date.parse(noticeAt) - Date.now())).toBeLessThan(60_000);

    const sip = await waitForTask(p.vardcentral, caseId, KIND.sip);
    const detail = await p.vardcentral.get(`/tasks/${sip.id}`).expect(200);
    expect(new Date(detail.body.dueAt).toISOString()).toBe(sipCallDueAt(noticeAt, { policy: 'calendar_days', days: 3, rollingMs: 0 }));

    await answer(p.vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(p.vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
    await answer(p.vardcentral, caseId, KIND.takeover, { acknowledged: true });
    const dischargedAt = new Date();
    const done = await discharge(p, caseId, dischargedAt).expect(200);
    // 5, unless the test itself ran across a midnight (Stockholm calendar days, as the rule counts them).
    const daysFromReady = daysBetween(stockholmDate(declaredAt), stockholmDate(dischargedAt));
    expect(done.body.discharge).toMatchObject({ daysFromReady, sameDay: false, paymentLiability: null });
    expect(done.body.discharge.awaitingDailyAmounts ?? []).toEqual([]);
    expect((await workflowResult(stack.config, caseId)).status).toBe('discharged');
    const hsfTasks = await sql(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND kind IN ($2, $3)`, [caseId, KIND.registerAmount, KIND.invoice]);
    expect(hsfTasks).toEqual([]);
  });
});

describe('discharge deadlines as durable timers (short configured durations)', () => {
  // The rolling policy (the named alternative to calendar days) with a 2-second span.
  const stack = useTestStack({ DISCHARGE_SIP_DEADLINE: 'rolling', DISCHARGE_SIP_CALL_DUE: '2s' });
  let p: Parties;
  beforeAll(async () => {
    p = await partiesFor(stack.app, stack.config);
  });

  it("escalates an overdue SIP call to the vårdcentral's coordinator and marks it overdue", async () => {
    const caseId = await openCase(p);
    await declareReady(p, caseId).expect(200);
    const sip = await waitForTask(p.vardcentral, caseId, KIND.sip);

    const escalation = await waitForTask(p.vardcentralCoordinator, caseId, KIND.escalation);
    const detail = await p.vardcentralCoordinator.get(`/tasks/${escalation.id}`).expect(200);
    expect(detail.body).toMatchObject({ assignedOrg: 'VC-EKERO', requiredRole: 'coordinator', input: { overdueTaskId: sip.id, overdueKind: KIND.sip } });
    const overdue = await p.vardcentral.get(`/tasks?caseId=${caseId}&overdue=true`).expect(200);
    expect(overdue.body.items).toContainEqual(expect.objectContaining({ id: sip.id, overdue: true }));
    // The case handler's inbox does not hold the coordinator's task.
    expect((await p.vardcentral.get(`/tasks?caseId=${caseId}&kind=${KIND.escalation}`).expect(200)).body.items).toEqual([]);

    await p.vardcentralCoordinator.post(`/tasks/${escalation.id}/complete`).send({ decision: { acknowledged: true, comment: 'Ringer idag' } }).expect(200);
    await answer(p.vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
    const events = (await state(p, caseId)).events.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['task_overdue', 'escalation_handled', 'sip_called']));
  });
});
