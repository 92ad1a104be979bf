/**
 * Inter-regional patient transfer and national reinforcement (issue 15) on the real stack: offers where the first
 * acceptance wins, expiry and escalation, two requests racing for a region's last bed, a failed transport that
 * releases the bed, a cancellation, and the national pool under 50 concurrent allocations. Each describe block has
 * its own database and worker; the regions' capacity is declared by each test.
 */
import type { Role } from '../../libs/auth/src/principal';
import { TRANSFER_TASK_KINDS as KIND } from '../../libs/contracts/src/transfer.contract';
import { Caller, callerFor, sql, TestStack, useTestStack, waitForTask } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role = 'coordinator') => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);
let keys = 0;
const key = (what: string) => `tr-${what}-${process.pid}-${(keys += 1)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EARLIEST = '2021-03-01T08:00:00+01:00';

async function declare(stack: TestStack, region: string, careLevel: string, beds: number) {
  await (await as(stack, region)).put(`/transfers/capacity/${careLevel}`).send({ beds }).expect(200);
}

async function request(stack: TestStack, region: string, patients: { reference: string; careLevel: string; infection: string }[]) {
  const res = await (await as(stack, region)).post('/transfers').set('Idempotency-Key', key('req')).send({ patients, earliestDeparture: EARLIEST });
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.requestId as string;
}

async function complete(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, caseId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const capacityOf = async (stack: TestStack, region: string, level = 'icu') =>
  (await sql<{ beds: number; reserved: number }>(stack.config, `SELECT beds, reserved FROM transfer_capacity WHERE region = $1 AND care_level = $2`, [region, level]))[0];

describe('a transfer accepted by the second region after the first declines, through to admission', () => {
  const stack = useTestStack();

  it('ranks the same healthcare region first, withdraws nothing twice, reserves the bed and admits', async () => {
    await declare(stack, '05', 'icu', 2); // Östergötland, same healthcare region (Sydöstra) as Jönköping
    await declare(stack, '08', 'icu', 1); // Kalmar, Sydöstra
    await declare(stack, '12', 'icu', 5); // Skåne, Södra: more beds, but further away
    const requestId = await request(stack, '06', [{ reference: 'IVA-RJL-117', careLevel: 'icu', infection: 'covid_19' }]);

    const sos = await as(stack, 'SOCIALSTYRELSEN');
    const matching = await waitForTask(sos, requestId, KIND.matching);
    const detail = (await sos.get(`/tasks/${matching.id}`).expect(200)).body;
    const proposal = detail.input.proposal.map((c: { region: string }) => c.region);
    expect(proposal.slice(0, 3)).toEqual(['05', '08', '12']); // Sydöstra first (05 has more free), then by free beds
    expect(JSON.stringify(detail.input)).not.toContain('IVA-RJL-117'); // Socialstyrelsen sees care levels, not references
    await complete(sos, requestId, KIND.matching, { order: ['05', '08'] });

    await complete(await as(stack, '05'), requestId, KIND.offer, { decision: 'decline', reason: 'Fullt' });
    const kalmar = await as(stack, '08');
    await complete(kalmar, requestId, KIND.offer, { decision: 'accept' });
    expect(await capacityOf(stack, '08')).toEqual({ beds: 1, reserved: 1 });

    const jonkoping = await as(stack, '06');
    await complete(jonkoping, requestId, KIND.transport, { outcome: 'arranged', plannedDepartureAt: '2021-03-01T09:00:00+01:00' });
    await complete(jonkoping, requestId, KIND.departure, { outcome: 'departed', departedAt: '2021-03-01T09:10:00+01:00' });
    await complete(kalmar, requestId, KIND.arrival, { arrivedAt: '2021-03-01T11:40:00+01:00' });
    await complete(kalmar, requestId, KIND.admission, { admittedAt: '2021-03-01T11:55:00+01:00' });
    // The bed is occupied now: Kalmar's declared free beds shrank with the reservation.
    expect(await capacityOf(stack, '08')).toEqual({ beds: 0, reserved: 0 });

    const state = (await jonkoping.get(`/transfers/${requestId}`).expect(200)).body;
    expect(state).toMatchObject({ status: 'admitted', receivingRegion: '08' });
    expect(state.patients[0].reference).toBe('IVA-RJL-117');
    expect(state.offers.map((o: { region: string; status: string }) => [o.region, o.status])).toEqual([['05', 'declined'], ['08', 'accepted']]);
    // A region that got an offer sees the request, without the sending region's reference; one that got none: 404.
    const declined = (await (await as(stack, '05')).get(`/transfers/${requestId}`).expect(200)).body;
    expect(declined.patients).toEqual([{ careLevel: 'icu', infection: 'covid_19' }]);
    await (await as(stack, '12')).get(`/transfers/${requestId}`).expect(404);

    // The report to the Ministry, as JSON and CSV.
    const report = (await sos.get('/transfers/report?from=2020-01-01&to=2099-12-31').expect(200)).body;
    expect(report.transfers).toEqual([expect.objectContaining({ sendingRegion: '06', receivingRegion: '08', requests: 1, patients: 1, admitted: 1 })]);
    const csv = await sos.get('/transfers/report?from=2020-01-01&to=2099-12-31&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('\r\n06,08,1,1,1,');
  });

  it('refuses a personnummer as a patient reference, naming the field, and writes nothing', async () => {
    const res = await (await as(stack, '06'))
      .post('/transfers')
      .set('Idempotency-Key', key('pnr'))
      .send({ patients: [{ reference: 'Pat 19121212-1212', careLevel: 'icu', infection: 'none' }], earliestDeparture: EARLIEST });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('patients[0].reference');
  });
});

describe('offers that all expire escalate to the duty officer', () => {
  const stack = useTestStack({ TRANSFER_OFFER_DUE: '2s', TRANSFER_OFFERS_AT_ONCE: '2' });

  it('sends the first two at once, and when both expire the duty officer decides', async () => {
    const requestId = await request(stack, '21', [{ reference: 'G-1', careLevel: 'inpatient', infection: 'none' }]);
    const sos = await as(stack, 'SOCIALSTYRELSEN');
    await complete(sos, requestId, KIND.matching, { order: ['20', '19', '18'] });
    // Two offers out at once; the third waits for one of them to close.
    await waitForTask(await as(stack, '20'), requestId, KIND.offer);
    await waitForTask(await as(stack, '19'), requestId, KIND.offer);
    expect((await (await as(stack, '18')).get(`/tasks?caseId=${requestId}`).expect(200)).body.items).toEqual([]);
    // Both expire: the third goes out, expires too, and the list has run out.
    await waitForTask(await as(stack, '18'), requestId, KIND.offer);
    await waitForTask(sos, requestId, KIND.dutyOfficer);
    const state = (await sos.get(`/transfers/${requestId}`).expect(200)).body;
    expect(state.status).toBe('escalated');
    expect(state.offers.map((o: { status: string }) => o.status)).toEqual(['expired', 'expired', 'expired']);
    expect(await sql(stack.config, `SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open'`, [requestId, KIND.offer])).toEqual([]);
    // The duty officer orders a new matching.
    await complete(sos, requestId, KIND.dutyOfficer, { decision: 'rematch', reason: 'Nya platser anmälda' });
    await waitForTask(sos, requestId, KIND.matching);
    expect((await sos.get(`/transfers/${requestId}`).expect(200)).body).toMatchObject({ status: 'matching', round: 2 });
  });
});

describe('two requests racing for a region’s last bed', () => {
  const stack = useTestStack();

  it('get exactly one reservation: one yes and one no', async () => {
    await declare(stack, '07', 'icu_ventilator', 1);
    const first = await request(stack, '10', [{ reference: 'B-1', careLevel: 'icu_ventilator', infection: 'covid_19' }]);
    const second = await request(stack, '12', [{ reference: 'S-1', careLevel: 'icu_ventilator', infection: 'covid_19' }]);
    const sos = await as(stack, 'SOCIALSTYRELSEN');
    await complete(sos, first, KIND.matching, { order: ['07'] });
    await complete(sos, second, KIND.matching, { order: ['07'] });
    const kronoberg = await as(stack, '07');
    const offers = await Promise.all([first, second].map((id) => waitForTask(kronoberg, id, KIND.offer)));
    const answers = await Promise.all(offers.map((t) => kronoberg.post(`/tasks/${t.id}/complete`).send({ decision: { decision: 'accept' } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(JSON.stringify(answers.find((a) => a.status === 409)?.body)).toContain('no free icu_ventilator bed');
    expect(await capacityOf(stack, '07', 'icu_ventilator')).toEqual({ beds: 1, reserved: 1 });
    expect(await sql(stack.config, `SELECT request_id FROM transfer_reservations WHERE region = '07' AND status = 'reserved'`)).toHaveLength(1);
  });
});

describe('a failed transport and a cancellation release the bed', () => {
  const stack = useTestStack();

  it('a patient who cannot travel: the bed is released and the request goes back to matching', async () => {
    await declare(stack, '14', 'icu', 1);
    const requestId = await request(stack, '13', [{ reference: 'H-7', careLevel: 'icu', infection: 'suspected_covid_19' }]);
    const sos = await as(stack, 'SOCIALSTYRELSEN');
    await complete(sos, requestId, KIND.matching, { order: ['14'] });
    await complete(await as(stack, '14'), requestId, KIND.offer, { decision: 'accept' });
    expect(await capacityOf(stack, '14')).toEqual({ beds: 1, reserved: 1 });
    // Without saying what next, the answer is refused at the field and nothing changes.
    const halland = await as(stack, '13');
    await complete(halland, requestId, KIND.transport, { outcome: 'cannot_travel' }, 400);
    await complete(halland, requestId, KIND.transport, { outcome: 'cannot_travel', next: 'rematch', reason: 'Instabil' });
    expect(await capacityOf(stack, '14')).toEqual({ beds: 1, reserved: 0 });
    await waitForTask(sos, requestId, KIND.matching);
    expect((await sos.get(`/transfers/${requestId}`).expect(200)).body).toMatchObject({ status: 'matching', round: 2, receivingRegion: null });
  });

  it('the patient recovered before departure: the request is cancelled and everything is released', async () => {
    await declare(stack, '17', 'inpatient', 3);
    const requestId = await request(stack, '18', [
      { reference: 'Ö-1', careLevel: 'inpatient', infection: 'none' },
      { reference: 'Ö-2', careLevel: 'inpatient', infection: 'none' },
    ]);
    const sos = await as(stack, 'SOCIALSTYRELSEN');
    await complete(sos, requestId, KIND.matching, { order: ['17'] });
    await complete(await as(stack, '17'), requestId, KIND.offer, { decision: 'accept' });
    expect(await capacityOf(stack, '17', 'inpatient')).toEqual({ beds: 3, reserved: 2 });
    const orebro = await as(stack, '18');
    // Only the sending region cancels.
    await (await as(stack, '17')).post(`/transfers/${requestId}/cancel`).send({ reason: 'recovered' }).expect(403);
    const cancelled = (await orebro.post(`/transfers/${requestId}/cancel`).send({ reason: 'recovered', comment: 'Båda förbättrade' }).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(await capacityOf(stack, '17', 'inpatient')).toEqual({ beds: 3, reserved: 0 });
    expect(await sql(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND status = 'open'`, [requestId])).toEqual([]);
    await orebro.post(`/transfers/${requestId}/cancel`).send({ reason: 'recovered' }).expect(409);
  });
});

describe('national reinforcement from the pool', () => {
  const stack = useTestStack();

  it('allocates in part with a reason, and never takes the pool below zero under 50 concurrent allocations', async () => {
    const sos = await as(stack, 'SOCIALSTYRELSEN');
    await sos.put('/reinforcements/pool/icu_nurses').send({ available: 10 }).expect(200);
    const gotland = await as(stack, '09');
    const part = await gotland.post('/reinforcements').set('Idempotency-Key', key('rf')).send({ category: 'icu_nurses', quantity: 12 }).expect(201);
    await complete(sos, part.body.requestId, KIND.allocate, { allocated: 13, reason: 'x' }, 400);
    await complete(sos, part.body.requestId, KIND.allocate, { allocated: 4, reason: 'Fyra sjuksköterskor i fyra veckor' });
    expect((await gotland.get(`/reinforcements/${part.body.requestId}`).expect(200)).body).toMatchObject({ status: 'allocated', allocated: 4 });
    expect((await sos.get('/reinforcements/pool').expect(200)).body).toEqual([{ category: 'icu_nurses', available: 6 }]);

    // 50 requests of one ventilator each against a pool of 30, allocated at once.
    await sos.put('/reinforcements/pool/ventilators').send({ available: 30 }).expect(200);
    const regions = ['01', '03', '04', '05', '06'];
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await (await as(stack, regions[i % regions.length])).post('/reinforcements').set('Idempotency-Key', key('vent')).send({ category: 'ventilators', quantity: 1 }).expect(201);
      ids.push(res.body.requestId);
    }
    const tasks = await Promise.all(ids.map((id) => waitForTask(sos, id, KIND.allocate)));
    const answers = await Promise.all(tasks.map((t) => sos.post(`/tasks/${t.id}/complete`).send({ decision: { allocated: 1, reason: 'Enligt prioritering' } })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20);
    expect((await sos.get('/reinforcements/pool').expect(200)).body.find((p: { category: string }) => p.category === 'ventilators')).toEqual({ category: 'ventilators', available: 0 });
    expect((await sql<{ n: number }>(stack.config, `SELECT sum(allocated)::int AS n FROM reinforcement_allocations WHERE category = 'ventilators'`))[0].n).toBe(30);
    // Sleep a little: nothing books later behind the refusals.
    await sleep(500);
    expect((await sql<{ n: number }>(stack.config, `SELECT available AS n FROM reinforcement_pool WHERE category = 'ventilators'`))[0].n).toBe(0);
  });
});
