/**
 * Coordinating vårdcentraler and the HSN–SLSO support agreement, on the real Temporal server and PostgreSQL,
 * acting as HSN, SLSO, the vårdcentraler, the municipality and HSF (finance) through the HTTP API.
 */
import type { Role } from '../../libs/auth/src/principal';
import { AREA_TASK_KINDS } from '../../libs/contracts/src/coordination-area.contract';
import { AGREEMENT_TASK_KINDS } from '../../libs/contracts/src/support-agreement.contract';
import { Caller, callerFor, sql, TestStack, useTestStack, waitForTask } from '../support/test-app';

const KIND = { ...AREA_TASK_KINDS, ...AGREEMENT_TASK_KINDS };

const as = (stack: TestStack, org: string, role: Role, person?: string) => callerFor(stack.app, stack.config, org, [role], person ?? `${org.toLowerCase()}-${role}`);

async function complete(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, caseId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('coordinating vårdcentraler: designation, onboarding, handover, coverage', () => {
  const stack = useTestStack();
  let hsn: Caller;
  let slso: Caller;
  const designate = (area: string, vardcentralCode: string, startDate = '2021-02-01') =>
    hsn.post(`/coordination/areas/${area}/designations`).send({ vardcentralCode, startDate });
  const area = async (code: string) => (await hsn.get(`/coordination/areas/${code}`).expect(200)).body;
  beforeAll(async () => {
    hsn = await as(stack, 'HSN', 'approver');
    slso = await as(stack, 'SLSO', 'case_handler');
  });

  async function onboard(areaCode: string, vardcentral: string) {
    const caseId = (await area(areaCode)).caseId;
    const vc = await as(stack, vardcentral, 'case_handler');
    await complete(slso, caseId, KIND.assignSupport, { contactName: 'Stina Stödberg, SLSO', guidancePlan: 'Månatliga avstämningar första halvåret' });
    await complete(vc, caseId, KIND.nameCoordinator, { name: 'Kim Samordnare' });
    await complete(vc, caseId, KIND.confirmContact, { municipalContactName: 'Maja Kontakt' });
    await complete(await as(stack, areaCode, 'case_handler'), caseId, KIND.municipalityConfirms, { confirmed: true });
    await complete(vc, caseId, KIND.firstMeeting, { heldOn: '2021-03-15' });
    await complete(slso, caseId, KIND.joinSubregional, { joinedOn: '2021-03-20' }); // SLSO's task (HSN 2020-1821)
  }

  it('a designation accepted and onboarded makes the area active', async () => {
    // An area no other test file designates: area workflow ids are per area, and the files share one namespace.
    const designated = await designate('0114', 'VC-EKERO').expect(200);
    expect(designated.body).toMatchObject({ status: 'designated', pending: { vardcentralCode: 'VC-EKERO', startDate: '2021-02-01' } });
    await complete(await as(stack, 'VC-EKERO', 'case_handler'), designated.body.caseId, KIND.accept, { accept: true });
    expect((await area('0114')).status).toBe('onboarding');
    await onboard('0114', 'VC-EKERO');
    const active = await area('0114');
    expect(active).toMatchObject({ status: 'active', current: { vardcentralCode: 'VC-EKERO', onboarding: { coordinatorName: 'Kim Samordnare', firstMeetingOn: '2021-03-15' } } });
    const coverage = (await hsn.get('/coordination/areas').expect(200)).body;
    expect(coverage.find((a: { areaCode: string }) => a.areaCode === '0114')).toMatchObject({
      status: 'active',
      vardcentralCode: 'VC-EKERO',
      slsoContact: 'Stina Stödberg, SLSO',
      overdueTasks: 0,
    });
  });

  it('a decline (with reason) gives HSN a task to designate another, who accepts', async () => {
    const designated = await designate('0182', 'VC-NACKA').expect(200);
    const nacka = await as(stack, 'VC-NACKA', 'case_handler');
    await complete(nacka, designated.body.caseId, KIND.accept, { accept: false }, 422);
    await complete(nacka, designated.body.caseId, KIND.accept, { accept: false, reason: 'Saknar kapacitet i år' });
    expect((await area('0182')).status).toBe('none');
    await complete(hsn, designated.body.caseId, KIND.designateAnother, { vardcentralCode: 'NOT-A-VC', startDate: '2021-03-01' }, 422);
    await complete(hsn, designated.body.caseId, KIND.designateAnother, { vardcentralCode: 'VC-SOLNA', startDate: '2021-03-01' });
    expect((await area('0182')).pending).toMatchObject({ vardcentralCode: 'VC-SOLNA' });
    await complete(await as(stack, 'VC-SOLNA', 'case_handler'), designated.body.caseId, KIND.accept, { accept: true });
    const state = await area('0182');
    expect(state).toMatchObject({ status: 'onboarding', current: { vardcentralCode: 'VC-SOLNA', startDate: '2021-03-01' } });
    expect(state.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['coordinator_designated', 'designation_declined', 'designation_accepted']),
    );
  });

  it('re-designation hands over without a gap: the old vårdcentral holds it until the new one accepts', async () => {
    const first = await designate('0126', 'VC-HUDDINGE').expect(200);
    const caseId = first.body.caseId;
    await complete(await as(stack, 'VC-HUDDINGE', 'case_handler'), caseId, KIND.accept, { accept: true });
    const oldTask = await waitForTask(await as(stack, 'VC-HUDDINGE', 'case_handler'), caseId, KIND.nameCoordinator);

    const handing = await designate('0126', 'VC-TABY', '2022-01-01').expect(200);
    expect(handing.body).toMatchObject({ status: 'handing_over', current: { vardcentralCode: 'VC-HUDDINGE' }, pending: { vardcentralCode: 'VC-TABY' } });
    const coverage = (await hsn.get('/coordination/areas').expect(200)).body.find((a: { areaCode: string }) => a.areaCode === '0126');
    expect(coverage).toMatchObject({ status: 'handing_over', vardcentralCode: 'VC-HUDDINGE', pendingVardcentralCode: 'VC-TABY' });
    await designate('0126', 'VC-SOLNA').expect(409); // one designation at a time

    await complete(await as(stack, 'VC-TABY', 'case_handler'), caseId, KIND.accept, { accept: true });
    const after = await area('0126');
    expect(after.current.vardcentralCode).toBe('VC-TABY');
    const [old, next] = after.history;
    expect(old).toMatchObject({ vardcentralCode: 'VC-HUDDINGE' });
    expect(next).toMatchObject({ vardcentralCode: 'VC-TABY' });
    expect(old.to).toBe(next.from); // no gap, no overlap
    const [task] = await sql<{ status: string }>(stack.config, 'SELECT status FROM tasks WHERE id = $1', [oldTask.id]);
    expect(task.status).toBe('cancelled');
  });

  it('refuses designations before 1 February 2021, of a non-vårdcentral, or by anyone but HSN', async () => {
    expect((await designate('0127', 'VC-EKERO', '2021-01-31').expect(400)).body.field).toBe('startDate');
    expect((await designate('0127', 'KS').expect(422)).body.field).toBe('vardcentralCode');
    await (await as(stack, 'HSF', 'approver')).post('/coordination/areas/0127/designations').send({ vardcentralCode: 'VC-EKERO', startDate: '2021-02-01' }).expect(403);
    await designate('9999', 'VC-EKERO').expect(404);
  });

  it('lists every area in force today with its true status, the uncovered first', async () => {
    const coverage: { areaCode: string; status: string }[] = (await slso.get('/coordination/areas').expect(200)).body;
    expect(coverage).toHaveLength(36); // 25 municipalities besides Stockholm, and Stockholm city's 11 districts (from 2023-07-01)
    expect(coverage.map((a) => a.areaCode)).not.toContain('0180');
    expect(coverage.map((a) => a.areaCode)).not.toEqual(expect.arrayContaining(['0180-NORRMALM']));
    expect(coverage.map((a) => a.areaCode)).toEqual(expect.arrayContaining(['0125', '0192', '0180-BROMMA', '0180-SKARHOLMEN']));
    const rank = { none: 0, designated: 1, onboarding: 2, handing_over: 3, active: 4 } as Record<string, number>;
    const ranks = coverage.map((a) => rank[a.status]);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(coverage[0].status).toBe('none');
    const byCode = Object.fromEntries(coverage.map((a) => [a.areaCode, a.status]));
    expect(byCode).toMatchObject({ '0114': 'active', '0182': 'onboarding', '0126': 'onboarding', '0127': 'none' });
  });
});

describe("Stockholm's districts are dated: 13 to 2023-06-30, 11 from 2023-07-01", () => {
  const stack = useTestStack();
  let hsn: Caller;
  beforeAll(async () => {
    hsn = await as(stack, 'HSN', 'approver');
  });
  const codes = (coverage: { areaCode: string }[]) => coverage.map((a) => a.areaCode);

  it('the coverage view answers for a date: 38 areas on 2023-06-30, 36 on 2023-07-01 and today', async () => {
    const before: { areaCode: string; validTo: string | null }[] = (await hsn.get('/coordination/areas?date=2023-06-30').expect(200)).body;
    expect(before).toHaveLength(38);
    expect(codes(before)).toEqual(expect.arrayContaining(['0180-RINKEBY-KISTA', '0180-SPANGA-TENSTA', '0180-NORRMALM', '0180-OSTERMALM']));
    expect(codes(before)).not.toContain('0180-JARVA');
    expect(before.find((a) => a.areaCode === '0180-NORRMALM')).toMatchObject({ validFrom: null, validTo: '2023-06-30' });

    const after: { areaCode: string; validFrom: string | null }[] = (await hsn.get('/coordination/areas?date=2023-07-01').expect(200)).body;
    expect(after).toHaveLength(36);
    expect(codes(after)).toEqual(expect.arrayContaining(['0180-JARVA', '0180-NORRA-INNERSTADEN']));
    expect(codes(after)).not.toContain('0180-RINKEBY-KISTA');
    expect(after.find((a) => a.areaCode === '0180-JARVA')).toMatchObject({ validFrom: '2023-07-01', validTo: null });

    expect((await hsn.get('/coordination/areas').expect(200)).body).toHaveLength(36);
  });

  it('refuses a date that is not a calendar date, naming `date`', async () => {
    for (const date of ['2023-02-30', '30/06/2023', '']) {
      const res = await hsn.get(`/coordination/areas?date=${encodeURIComponent(date)}`).expect(400);
      expect(JSON.stringify(res.body)).toContain('date');
    }
  });

  it('keeps the old districts readable by code, and refuses a designation starting after one ended', async () => {
    expect((await hsn.get('/coordination/areas/0180-SPANGA-TENSTA').expect(200)).body).toMatchObject({ status: 'none', validTo: '2023-06-30' });
    const refused = await hsn.post('/coordination/areas/0180-SPANGA-TENSTA/designations').send({ vardcentralCode: 'VC-SOLNA', startDate: '2023-07-01' }).expect(400);
    expect(refused.body.field).toBe('startDate');
    const early = await hsn.post('/coordination/areas/0180-JARVA/designations').send({ vardcentralCode: 'VC-SOLNA', startDate: '2023-06-30' }).expect(400);
    expect(early.body.field).toBe('startDate');
  });

  it('Järva: the vårdcentral of both Rinkeby-Kista and Spånga-Tensta carries over from 2023-07-01, no gap', async () => {
    // Areas no other test file designates: area workflow ids are per area, and the files share one namespace.
    const vc = await as(stack, 'VC-SOLNA', 'case_handler');
    const oldCases: string[] = [];
    for (const old of ['0180-RINKEBY-KISTA', '0180-SPANGA-TENSTA']) {
      const designated = await hsn.post(`/coordination/areas/${old}/designations`).send({ vardcentralCode: 'VC-SOLNA', startDate: '2021-02-01' }).expect(200);
      await complete(vc, designated.body.caseId, KIND.accept, { accept: true });
      oldCases.push(designated.body.caseId);
    }
    await (await as(stack, 'HSF', 'approver')).post('/coordination/areas/0180-JARVA/succession').expect(403);
    await hsn.post('/coordination/areas/0125/succession').expect(409); // nothing was merged into Ekerö

    const opened = await hsn.post('/coordination/areas/0180-JARVA/succession').expect(200);
    expect(opened.body).toMatchObject({
      areaCode: '0180-JARVA',
      status: 'onboarding',
      current: { vardcentralCode: 'VC-SOLNA', startDate: '2023-07-01', acceptedAt: '2023-06-30T22:00:00.000Z' },
      history: [{ vardcentralCode: 'VC-SOLNA', from: '2023-06-30T22:00:00.000Z' }],
    });
    expect(opened.body.events.map((e: { type: string }) => e.type)).toEqual(['area_opened', 'responsibility_carried_over']);
    await waitForTask(vc, opened.body.caseId, KIND.nameCoordinator); // onboarding with the new district
    const jarva = (await hsn.get('/coordination/areas').expect(200)).body.find((a: { areaCode: string }) => a.areaCode === '0180-JARVA');
    expect(jarva).toMatchObject({ status: 'onboarding', vardcentralCode: 'VC-SOLNA', startDate: '2023-07-01' });
    await hsn.post('/coordination/areas/0180-JARVA/succession').expect(409); // once
    // The merged districts ended with 30 June 2023: their cases close with their open onboarding tasks, and
    // their vårdcentral's responsibility there ends that day.
    for (const [i, old] of ['0180-RINKEBY-KISTA', '0180-SPANGA-TENSTA'].entries()) {
      const ended = (await hsn.get(`/coordination/areas/${old}`).expect(200)).body;
      expect(ended).toMatchObject({ status: 'ended', history: [{ vardcentralCode: 'VC-SOLNA', to: '2023-06-30' }] });
      expect(ended.events.at(-1)).toMatchObject({ type: 'area_ended', detail: { lastDay: '2023-06-30', successorCode: '0180-JARVA', vardcentralCode: 'VC-SOLNA' } });
      const open = await sql(stack.config, `SELECT id FROM tasks WHERE case_id = $1 AND status = 'open'`, [oldCases[i]]);
      expect(open).toEqual([]);
    }
  });
});

describe('an overdue onboarding task escalates to SLSO (short configured due time)', () => {
  const stack = useTestStack({ COORDINATION_ONBOARDING_DUE: '2s' });

  it("gives SLSO's coordinator an escalation and counts it overdue in the coverage view", async () => {
    const hsn = await as(stack, 'HSN', 'approver');
    const designated = await hsn.post('/coordination/areas/0160/designations').send({ vardcentralCode: 'VC-TABY', startDate: '2021-02-01' }).expect(200);
    await complete(await as(stack, 'VC-TABY', 'case_handler'), designated.body.caseId, KIND.accept, { accept: true });
    const escalation = await waitForTask(await as(stack, 'SLSO', 'coordinator'), designated.body.caseId, KIND.escalation);
    const detail = await (await as(stack, 'SLSO', 'coordinator')).get(`/tasks/${escalation.id}`).expect(200);
    expect(detail.body.input).toMatchObject({ areaCode: '0160', overdueKind: expect.stringMatching(/^coordination\./) });
    const coverage = (await hsn.get('/coordination/areas').expect(200)).body.find((a: { areaCode: string }) => a.areaCode === '0160');
    expect(coverage.overdueTasks).toBeGreaterThan(0);
  });
});

describe("SLSO's yearly follow-up of an active area (short configured interval)", () => {
  const stack = useTestStack({ COORDINATION_FOLLOW_UP_INTERVAL: '2s' });

  it('gives SLSO a follow-up task once the area is active, and again each interval', async () => {
    const hsn = await as(stack, 'HSN', 'approver');
    const slso = await as(stack, 'SLSO', 'case_handler');
    const vc = await as(stack, 'VC-BROMMA', 'case_handler');
    const designated = await hsn.post('/coordination/areas/0180-BROMMA/designations').send({ vardcentralCode: 'VC-BROMMA', startDate: '2021-02-01' }).expect(200);
    const caseId = designated.body.caseId;
    await complete(vc, caseId, KIND.accept, { accept: true });
    await complete(slso, caseId, KIND.assignSupport, { contactName: 'Stina', guidancePlan: 'Plan' });
    await complete(vc, caseId, KIND.nameCoordinator, { name: 'Kim' });
    await complete(vc, caseId, KIND.confirmContact, { municipalContactName: 'Maja' });
    await complete(await as(stack, '0180-BROMMA', 'case_handler'), caseId, KIND.municipalityConfirms, { confirmed: true });
    await complete(vc, caseId, KIND.firstMeeting, { heldOn: '2021-03-01' });
    expect((await hsn.get('/coordination/areas/0180-BROMMA').expect(200)).body.status).toBe('onboarding');
    await complete(slso, caseId, KIND.joinSubregional, { joinedOn: '2021-03-02' });
    expect((await hsn.get('/coordination/areas/0180-BROMMA').expect(200)).body.status).toBe('active');

    await complete(slso, caseId, KIND.followUp, { acknowledged: true, note: 'Fungerar väl' });
    await complete(slso, caseId, KIND.followUp, { acknowledged: true }); // the next interval's
    const events = (await hsn.get('/coordination/areas/0180-BROMMA').expect(200)).body.events.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t === 'annual_follow_up_done')).toHaveLength(2);
  });
});

async function agreementParties(stack: TestStack) {
  return {
    hsn: await as(stack, 'HSN', 'approver', 'hsn-nämndsekreterare'),
    slso: await as(stack, 'SLSO', 'approver', 'slso-direktör'),
    hsfAdmin: await as(stack, 'HSF', 'reference_admin'),
    finance: await as(stack, 'HSF-FIN', 'finance'),
  };
}
const director = { name: 'Björn Eriksson', role: 'director_of_health_care' };

describe('the HSN–SLSO support agreement: decisions in any order, two years of payments, a missing index waited for', () => {
  const stack = useTestStack();

  it('pays 2021 and 2022, waiting for LPIK 2022 until HSF registers it', async () => {
    const p = await agreementParties(stack);
    const first = await p.slso.post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-10', reference: 'SLSO styrelse 2021-02-10 § 4' }).expect(200);
    expect(first.body).toMatchObject({ status: 'awaiting_decisions' });
    await p.slso.post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-11', reference: 'igen' }).expect(409);
    const both = await p.hsn.post('/coordination/agreement/decisions').send({ decidedOn: '2021-01-20', reference: 'HSN 2020-1821', signatory: director }).expect(200);
    expect(both.body).toMatchObject({ status: 'in_effect', effectiveDate: '2021-03-01' });
    const caseId = both.body.mandateId;

    const pay2021 = await waitForTask(p.finance, caseId, KIND.payment);
    expect((await p.finance.get(`/tasks/${pay2021.id}`).expect(200)).body.input).toMatchObject({ year: 2021, dueOn: '2021-03-01', amountOre: 326_600_000 });
    await p.finance.post(`/tasks/${pay2021.id}/complete`).send({ decision: { paymentReference: 'BET-2021-SLSO', paidOn: '2021-03-05' } }).expect(200);

    // 2022 needs LPIK 2022, which nobody has registered: HSF's admin gets a task and the agreement waits.
    const lpikTask = await waitForTask(p.hsfAdmin, caseId, KIND.registerLpik);
    expect((await p.hsfAdmin.get(`/tasks/${lpikTask.id}`).expect(200)).body.input).toMatchObject({ year: 2022 });
    expect((await p.finance.get(`/tasks?caseId=${caseId}&kind=${KIND.payment}`).expect(200)).body.items).toEqual([]);
    expect((await p.hsn.get('/coordination/agreement').expect(200)).body.waitingFor).toMatchObject({ what: 'reference_data', description: 'LPIK 2022' });
    await p.hsfAdmin.put('/indices/lpik/2022').send({ percent: 2.615 }).expect(400);
    await p.hsfAdmin.put('/indices/lpik/2022').send({ percent: 2.6 }).expect(200);

    const pay2022 = await waitForTask(p.finance, caseId, KIND.payment);
    expect((await p.finance.get(`/tasks/${pay2022.id}`).expect(200)).body.input).toMatchObject({ year: 2022, amountOre: 332_544_100 });
    const [registerTask] = await sql<{ status: string }>(stack.config, 'SELECT status FROM tasks WHERE id = $1', [lpikTask.id]);
    expect(registerTask.status).toBe('cancelled'); // registered through the API instead
    await p.finance.post(`/tasks/${pay2022.id}/complete`).send({ decision: { paymentReference: 'BET-2022-SLSO', paidOn: '2022-01-10' } }).expect(200);

    // 2023 waits for its index the same way; the two paid years are in the ledger once each.
    await waitForTask(p.hsfAdmin, caseId, KIND.registerLpik);
    const state = (await p.slso.get('/coordination/agreement').expect(200)).body;
    expect(state.years.map((y: { year: number; amountKr: number }) => [y.year, y.amountKr])).toEqual([[2021, 3_266_000], [2022, 3_325_441]]);
    const ledger = await sql<{ kind: string; total: number; n: number }>(
      stack.config,
      `SELECT kind, sum(amount_ore)::float8 AS total, count(*)::int AS n FROM ledger_entries WHERE source = 'support_agreement' GROUP BY kind ORDER BY kind`,
    );
    expect(ledger).toEqual([
      { kind: 'approved', total: 659_144_100, n: 2 },
      { kind: 'paid', total: 659_144_100, n: 2 },
    ]);
  });
});

describe('the support agreement: signatures and notice', () => {
  const stack = useTestStack();

  it('refuses a department head without a registered delegation, accepts one with it', async () => {
    const p = await agreementParties(stack);
    // Seed 001: the director of health care may delegate signing to the head of the närsjukvårdsavdelningen.
    const head = { name: 'Anna Avdelningschef', role: 'department_head' };
    const none = await p.hsn.post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-15', reference: 'HSN 2020-1821', signatory: head }).expect(403);
    expect(none.body.field).toBe('signatory.delegationReference');
    await p.hsn.post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-15', reference: 'HSN 2020-1821', signatory: { ...head, delegationReference: 'HSN-DEL-1999' } }).expect(403);
    await p.hsn.post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-15', reference: 'HSN 2020-1821' }).expect(400);
    // The seeded (example) delegation is valid from 2021-01-28, the tjänsteutlåtande of HSN 2020-1821: not the day before.
    const early = await p.hsn
      .post('/coordination/agreement/decisions')
      .send({ decidedOn: '2021-01-27', reference: 'HSN 2020-1821', signatory: { ...head, delegationReference: 'HSN-DEL-2021-01' } })
      .expect(403);
    expect(early.body.field).toBe('signatory.delegationReference');
    await p.hsn
      .post('/coordination/agreement/decisions')
      .send({ decidedOn: '2021-02-15', reference: 'HSN 2020-1821', signatory: { ...head, delegationReference: 'HSN-DEL-2021-01' } })
      .expect(200);
    await (await as(stack, 'HSF', 'approver')).post('/coordination/agreement/decisions').send({ decidedOn: '2021-02-15', reference: 'x' }).expect(403);
  });

  it('ends payments at the end of the notice period', async () => {
    const p = await agreementParties(stack);
    const both = await p.slso.post('/coordination/agreement/decisions').send({ decidedOn: '2021-04-15', reference: 'SLSO styrelse § 9' }).expect(200);
    expect(both.body).toMatchObject({ status: 'in_effect', effectiveDate: '2021-04-15' });
    const caseId = both.body.mandateId;
    const pay2021 = await waitForTask(p.finance, caseId, KIND.payment);
    expect((await p.finance.get(`/tasks/${pay2021.id}`).expect(200)).body.input).toMatchObject({ year: 2021, dueOn: '2021-04-15' });

    // Notice on 1 June 2021 with 180 days: the agreement ends on 28 November 2021, before 2022 begins.
    const notice = await p.slso.post('/coordination/agreement/notice').send({ givenOn: '2021-06-01' }).expect(200);
    expect(notice.body).toMatchObject({ status: 'terminating', notice: { endsOn: '2021-11-28' } });
    await p.hsn.post('/coordination/agreement/notice').send({ givenOn: '2021-06-02' }).expect(409);
    await p.finance.post(`/tasks/${pay2021.id}/complete`).send({ decision: { paymentReference: 'BET-2021-SISTA', paidOn: '2021-05-01' } }).expect(200);

    for (let i = 0; i < 50; i++) {
      if ((await p.hsn.get('/coordination/agreement').expect(200)).body.status === 'ended') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ended = (await p.hsn.get('/coordination/agreement').expect(200)).body;
    expect(ended.status).toBe('ended');
    expect(ended.years.map((y: { year: number }) => y.year)).toEqual([2021]);
    const open = await sql(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND status = 'open'`, [caseId]);
    expect(open).toEqual([]); // no LPIK task and no payment for 2022
  });
});
