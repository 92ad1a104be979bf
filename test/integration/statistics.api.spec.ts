/**
 * Uppföljning's statistics (`GET /statistics/...`) on a small known set of cases: the numbers, the months in
 * Stockholm time, scoping to the cases an organisation is party to, need to know, and validation of the query.
 * Discharged cases are projection rows written as the case runtime writes them (the statistics columns are the
 * trigger's, from the summary); the claim goes through the real workflow as SLSO, HSF and HSF finance.
 */
import { randomUUID } from 'node:crypto';
import { Caller, callerFor, dischargeNotice, HISTORIC_STAYS, sql, TestStack, useTestStack, waitForTask } from '../support/test-app';

interface Stay {
  hospital: string;
  municipality: string;
  vardcentral: string;
  readyAt: string;
  dischargedAt?: string;
  daysFromReady?: number;
  liability?: { liableDays: number; totalOre: number };
}

/** A discharge case's projection row as the workflow writes it (insert, then a newer version over it). */
async function project(stack: TestStack, stay: Stay): Promise<string> {
  const id = randomUUID();
  const summary = {
    careType: 'somatic',
    readyForDischargeAt: stay.readyAt,
    discharge: stay.dischargedAt
      ? { dischargedAt: stay.dischargedAt, daysFromReady: stay.daysFromReady, sameDay: stay.daysFromReady === 0, paymentLiability: stay.liability ?? null }
      : null,
  };
  const write = (version: number, status: string, s: object) =>
    sql(
      stack.config,
      `INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary) VALUES ($1, 'discharge_handover', $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, summary = EXCLUDED.summary WHERE cases.version < EXCLUDED.version`,
      [id, `discharge-handover-${id}`, status, [stay.hospital, stay.municipality, stay.vardcentral], version, JSON.stringify(s)],
    );
  await write(1, 'ready_for_discharge', { ...summary, discharge: null });
  if (stay.dischargedAt) await write(2, 'discharged', summary);
  return id;
}

describe('statistics for Uppföljning', () => {
  const stack = useTestStack(HISTORIC_STAYS);
  let ks: Caller;
  let sos: Caller;
  let huddinge: Caller;

  beforeAll(async () => {
    ks = await callerFor(stack.app, stack.config, 'KS', ['case_handler'], 'stina.ks');
    sos = await callerFor(stack.app, stack.config, 'SOS', ['coordinator'], 'sune.sos');
    huddinge = await callerFor(stack.app, stack.config, '0126', ['case_handler'], 'hugo.huddinge');
    // Karolinska and Huddinge: one the same day in March, one after four days that left on 1 April 01:30 Stockholm
    // time (31 March 23:30 UTC, summer time), with two liable days; one still in hospital.
    await project(stack, { hospital: 'KS', municipality: '0126', vardcentral: 'VC-HUDDINGE', readyAt: '2025-03-10T08:00:00+01:00', dischargedAt: '2025-03-10T15:00:00+01:00', daysFromReady: 0 });
    await project(stack, { hospital: 'KS', municipality: '0126', vardcentral: 'VC-HUDDINGE', readyAt: '2025-03-28T09:00:00+01:00', dischargedAt: '2025-03-31T23:30:00Z', daysFromReady: 4, liability: { liableDays: 2, totalOre: 1_860_000 } });
    await project(stack, { hospital: 'KS', municipality: '0126', vardcentral: 'VC-HUDDINGE', readyAt: '2025-04-02T09:00:00+02:00' });
    // Södersjukhuset and Haninge: Karolinska is no party to these.
    await project(stack, { hospital: 'SOS', municipality: '0136', vardcentral: 'VC-NACKA', readyAt: '2025-04-14T09:00:00+02:00', dischargedAt: '2025-04-15T11:00:00+02:00', daysFromReady: 1 });
    await project(stack, { hospital: 'SOS', municipality: '0136', vardcentral: 'VC-NACKA', readyAt: '2025-04-14T09:00:00+02:00', dischargedAt: '2025-04-20T11:00:00+02:00', daysFromReady: 6, liability: { liableDays: 3, totalOre: 2_790_000 } });
  });

  it('the share discharged the same day they became ready, per month of discharge in Stockholm time', async () => {
    const res = await ks.get('/statistics/discharges/same-day').expect(200);
    expect(res.body).toEqual({
      scope: { organisationCode: 'KS', from: null, to: null },
      discharged: 2,
      sameDay: 1,
      share: 0.5,
      months: [
        { month: '2025-03', discharged: 1, sameDay: 1, share: 1 },
        { month: '2025-04', discharged: 1, sameDay: 0, share: 0 },
      ],
    });
    const april = await ks.get('/statistics/discharges/same-day?from=2025-04&to=2025-04').expect(200);
    expect(april.body).toMatchObject({ scope: { from: '2025-04', to: '2025-04' }, discharged: 1, sameDay: 0, share: 0 });
    const none = await ks.get('/statistics/discharges/same-day?from=2026-01').expect(200);
    expect(none.body).toMatchObject({ discharged: 0, sameDay: 0, share: null, months: [] });
  });

  it('days from ready to discharge per municipality, only of the cases the organisation is party to', async () => {
    const mine = await ks.get('/statistics/discharges/days-by-municipality').expect(200);
    expect(mine.body.municipalities).toEqual([
      { municipalityCode: '0126', municipalityName: 'Huddinge kommun', discharged: 2, sameDay: 1, meanDays: 2, medianDays: 2, maxDays: 4 },
    ]);
    const theirs = await sos.get('/statistics/discharges/days-by-municipality').expect(200);
    expect(theirs.body.municipalities).toEqual([
      { municipalityCode: '0136', municipalityName: 'Haninge kommun', discharged: 2, sameDay: 0, meanDays: 3.5, medianDays: 3.5, maxDays: 6 },
    ]);
    expect((await huddinge.get('/statistics/discharges/days-by-municipality').expect(200)).body.municipalities.map((m: { municipalityCode: string }) => m.municipalityCode)).toEqual(['0126']);
  });

  it('payment-liability days and amounts per month of discharge', async () => {
    const res = await ks.get('/statistics/payment-liability').expect(200);
    expect(res.body).toEqual({
      scope: { organisationCode: 'KS', from: null, to: null },
      liableDays: 2,
      amountOre: 1_860_000,
      months: [
        { month: '2025-03', discharged: 1, liableCases: 0, liableDays: 0, amountOre: 0 },
        { month: '2025-04', discharged: 1, liableCases: 1, liableDays: 2, amountOre: 1_860_000 },
      ],
    });
    expect((await sos.get('/statistics/payment-liability').expect(200)).body).toMatchObject({ liableDays: 3, amountOre: 2_790_000 });
  });

  it('claim totals per category: claimed of submitted claims, approved and paid from the ledger; only for its parties', async () => {
    const slso = await callerFor(stack.app, stack.config, 'SLSO', ['case_handler'], 'sara.slso');
    const approver = await callerFor(stack.app, stack.config, 'HSF', ['approver'], 'harald.hsf');
    const finance = await callerFor(stack.app, stack.config, 'HSF-FIN', ['finance'], 'fia.hsf-fin');
    const admin = await callerFor(stack.app, stack.config, 'HSF', ['register_admin'], 'adam.hsf');
    const mandateId = (await admin.get('/mandates').expect(200)).body.find((m: { reference: string }) => m.reference === 'HDIR 20348').id;
    const line = (date: string, category: string, amountOre: number) => ({ date, category, description: 'Samordning', amountOre, documentRef: `UND-${category}` });
    const body = {
      mandateId,
      periodFrom: '2020-11-02',
      periodTo: '2020-11-30',
      lines: [line('2020-11-10', 'staff', 4_200_000), line('2020-11-12', 'protective_equipment', 950_000), line('2020-11-20', 'travel', 120_000)],
    };
    const claimId = (await slso.post('/claims').set('Idempotency-Key', randomUUID()).send(body).expect(201)).body.claimId;
    await slso.post('/claims').set('Idempotency-Key', randomUUID()).send(body).expect(201); // a draft: not counted
    await slso.post(`/claims/${claimId}/submit`).expect(200);
    const review = await waitForTask(approver, claimId, 'reimbursement.review');
    const decision = {
      decision: 'approve_in_part',
      lines: [
        { lineNo: 1, approvedOre: 3_000_000, reason: 'Timmar utanför uppdraget' },
        { lineNo: 2, approvedOre: 950_000 },
        { lineNo: 3, approvedOre: 0, reason: 'Annat uppdrag' },
      ],
    };
    await approver.post(`/tasks/${review.id}/complete`).send({ decision }).expect(200);
    const payment = await waitForTask(finance, claimId, 'reimbursement.payment');
    await finance.post(`/tasks/${payment.id}/complete`).send({ decision: { paymentReference: 'BET-STAT-1', paidOn: '2021-02-15' } }).expect(200);

    const expected = [
      { category: 'protective_equipment', claims: 1, claimedOre: 950_000, approvedOre: 950_000, paidOre: 950_000 },
      { category: 'staff', claims: 1, claimedOre: 4_200_000, approvedOre: 3_000_000, paidOre: 3_000_000 },
      { category: 'travel', claims: 1, claimedOre: 120_000, approvedOre: 0, paidOre: 0 },
    ];
    for (const who of [slso, approver, finance]) expect((await who.get('/statistics/claims').expect(200)).body.categories).toEqual(expected);
    expect((await slso.get('/statistics/claims?from=2020-12').expect(200)).body.categories).toEqual([]);
    // Karolinska is no party to the claim.
    expect((await ks.get('/statistics/claims').expect(200)).body).toEqual({ scope: { organisationCode: 'KS', from: null, to: null }, categories: [] });

    // The Ersättning screen's list: newest first, a page at a time, the ledger's approved and paid amounts; only for its parties.
    const list = (await finance.get('/claims').expect(200)).body;
    expect(list).toEqual({ items: [expect.anything(), expect.anything()], nextCursor: null });
    expect(list.items.find((c: { claimId: string }) => c.claimId === claimId)).toMatchObject({
      mandateId, mandateReference: 'HDIR 20348', status: 'paid', revision: 1, periodFrom: '2020-11-02', periodTo: '2020-11-30',
      claimedOre: 5_270_000, approvedOre: 3_950_000, paidOre: 3_950_000,
    });
    const first = (await finance.get('/claims?limit=1').expect(200)).body;
    expect(first).toEqual({ items: [list.items[0]], nextCursor: expect.any(String) });
    const second = (await finance.get(`/claims?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second).toEqual({ items: [list.items[1]], nextCursor: null });
    // A cursor of another list, or a tampered one, is a 400 naming cursor (for a party or not).
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const casesCursor = b64(['cases', list.items[0].openedAt, claimId]);
    const forged = b64(['claims', "2020'; --", claimId]);
    for (const cursor of [casesCursor, forged, 'garbage!']) {
      for (const who of [finance, ks]) {
        const res = await who.get(`/claims?cursor=${encodeURIComponent(cursor)}`);
        expect({ cursor, status: res.status, field: res.body.field }).toEqual({ cursor, status: 400, field: 'cursor' });
      }
    }
    expect((await slso.get('/claims?status=draft').expect(200)).body).toEqual({
      items: [expect.objectContaining({ status: 'draft', approvedOre: null, paidOre: null })],
      nextCursor: null,
    });
    expect((await ks.get('/claims').expect(200)).body).toEqual({ items: [], nextCursor: null });
    expect((await slso.get('/claims?status=lost').expect(400)).body).toMatchObject({ field: 'status' });
  });

  it('a discharge through the real workflow is counted from what its projection wrote', async () => {
    const as = (org: string) => callerFor(stack.app, stack.config, org, ['case_handler'], `${org.toLowerCase()}-stat`);
    const [hospital, municipality, vardcentral] = [await as('DS'), await as('0160'), await as('VC-TABY')];
    const answer = async (who: Caller, caseId: string, kind: string, decision: Record<string, unknown>) => {
      const task = await waitForTask(who, caseId, kind);
      await who.post(`/tasks/${task.id}/complete`).send({ decision }).expect(200);
    };
    // Danderyd and Täby, fixed instants: admitted Monday 3 March 2025, ready Monday 10 March 09:00, home 15:00.
    const opened = await hospital
      .post('/discharge-handovers')
      .set('Idempotency-Key', randomUUID())
      .send(dischargeNotice({ municipalityCode: '0160', vardcentralCode: 'VC-TABY', admittedAt: '2025-03-03T08:00:00+01:00', estimatedDischargeDate: '2025-03-10', needs: { municipal: ['home_care'], region: [] } }))
      .expect(201);
    const caseId = opened.body.caseId;
    await answer(municipality, caseId, 'discharge.acknowledge_notice', { acknowledged: true });
    await answer(vardcentral, caseId, 'discharge.acknowledge_notice', { acknowledged: true });
    await answer(vardcentral, caseId, 'discharge.appoint_fast_vardkontakt', { name: 'Sara Sjöström' });
    await answer(municipality, caseId, 'discharge.needs_assessment', { outcome: 'granted', services: ['home_care'], startDate: '2025-03-10' });
    await hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: '2025-03-10T09:00:00+01:00', plannedDischargeAt: '2025-03-10T15:00:00+01:00' }).expect(200);
    await answer(municipality, caseId, 'discharge.acknowledge_ready', { acknowledged: true });
    await answer(vardcentral, caseId, 'discharge.acknowledge_ready', { acknowledged: true });
    await answer(vardcentral, caseId, 'discharge.takeover_medical_responsibility', { acknowledged: true });
    await hospital.post(`/discharge-handovers/${caseId}/discharge`).send({ dischargedAt: '2025-03-10T15:00:00+01:00' }).expect(200);

    const [row] = await sql(stack.config, `SELECT stat_municipality, to_char(stat_discharged_on, 'YYYY-MM-DD') AS day, stat_days_from_ready FROM cases WHERE id = $1`, [caseId]);
    expect(row).toEqual({ stat_municipality: '0160', day: '2025-03-10', stat_days_from_ready: 0 });
    expect((await hospital.get('/statistics/discharges/same-day').expect(200)).body).toMatchObject({ discharged: 1, sameDay: 1, months: [{ month: '2025-03', discharged: 1, sameDay: 1, share: 1 }] });
    expect((await municipality.get('/statistics/discharges/days-by-municipality').expect(200)).body.municipalities).toEqual([
      { municipalityCode: '0160', municipalityName: 'Täby kommun', discharged: 1, sameDay: 1, meanDays: 0, medianDays: 0, maxDays: 0 },
    ]);
  });

  it('needs a role with a need to know of the case type', async () => {
    const ksFinance = await callerFor(stack.app, stack.config, 'KS', ['finance'], 'frida.ks');
    const res = await ksFinance.get('/statistics/discharges/same-day').expect(403);
    expect(res.body.message).toContain('case_handler or coordinator');
    const hsfFinance = await callerFor(stack.app, stack.config, 'HSF-FIN', ['finance'], 'fia.hsf-fin');
    await hsfFinance.get('/statistics/payment-liability').expect(403);
    await hsfFinance.get('/statistics/claims').expect(200);
  });

  it.each([
    ['from=2025-13', 'from'],
    ['from=2025-3', 'from'],
    ['to=25-03', 'to'],
    ['from=2025-04&to=2025-03', 'to'],
    ['organisation=SOS', 'organisation'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    for (const path of ['/statistics/discharges/same-day', '/statistics/discharges/days-by-municipality', '/statistics/payment-liability', '/statistics/claims']) {
      const res = await ks.get(`${path}?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, field });
    }
  });
});
