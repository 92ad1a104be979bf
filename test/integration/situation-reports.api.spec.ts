/**
 * Situation reports (issue 14) on the real stack: a reporting round with its tasks, reminder, escalation and cut-off,
 * the published picture checked by hand, a shortage to Länsstyrelsen and its answer back, a revision after the
 * cut-off, and the Temporal Schedule starting a week's round. Rounds started through the API get short times of
 * their own (an extra round's dueAt and cutoffAt), so the deadlines pass within seconds; the Schedule's round is
 * backfilled at a fixed instant, so nothing here depends on today's date.
 */
import type { Role } from '../../libs/auth/src/principal';
import { SITUATION_TASK_KINDS as KIND, situationRoundScheduleId, situationRoundWorkflowId } from '../../libs/contracts/src/situation-report.contract';
import type { SituationPicture } from '../../libs/domain/src/situation-reports/report.types';
import { ensureSituationRoundSchedule } from '../../apps/worker/src/situation-round-schedule';
import { Caller, callerFor, sql, temporalClient, TestStack, useTestStack, waitForTask } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role = 'case_handler') => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);
let keys = 0;
const key = (what: string) => `sr-${what}-${process.pid}-${(keys += 1)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** A municipality's figures: absence per staff group, and every consumable at `stock` days unless given. */
const municipal = (absence: [number, number, number], stock: Partial<Record<string, number>> = {}, base = 30) => ({
  staffAbsencePercent: { nurses: absence[0], care_staff: absence[1], other_staff: absence[2] },
  stockDays: { nitrile_gloves: base, other_gloves: base, surgical_masks: base, ffp_respirators: base, visors: base, aprons: base, hand_disinfectant: base, ...stock },
});
const regional = (covidInpatients: number, icuBeds: number, icuBedsOccupied: number, absence: [number, number, number]) => ({
  covidInpatients,
  icuBeds,
  icuBedsOccupied,
  staffAbsencePercent: { nurses: absence[0], care_staff: absence[1], other_staff: absence[2] },
});

async function startRound(stack: TestStack, participants: string[], times: { remindMs: number; dueMs: number; cutoffMs: number }, week = '2026-W40') {
  const sos = await as(stack, 'SOCIALSTYRELSEN', 'coordinator');
  const res = await sos
    .post('/situation-reports/rounds')
    .set('Idempotency-Key', key('round'))
    .send({ week, participants, remindAt: at(times.remindMs), dueAt: at(times.dueMs), cutoffAt: at(times.cutoffMs) });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { roundId: string; dueAt: string; cutoffAt: string; remindAt: string };
}

async function answer(who: Caller, roundId: string, kind: string, decision: Record<string, unknown>, status = 200) {
  const task = await waitForTask(who, roundId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== status) throw new Error(`${kind}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function waitForPicture(who: Caller, roundId: string, version = 1): Promise<SituationPicture> {
  for (let i = 0; i < 300; i++) {
    const res = await who.get(`/situation-reports/rounds/${roundId}/picture`);
    if (res.status === 200 && res.body.version >= version) return res.body;
    if (res.status !== 200 && res.status !== 409) throw new Error(`picture: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(100);
  }
  throw new Error(`waited 30 s for version ${version} of the picture of round ${roundId}`);
}

const untilPast = async (instant: string) => sleep(Math.max(0, Date.parse(instant) - Date.now() + 200));

describe('a round: on time, corrected, late after a reminder, and missing at the cut-off', () => {
  const stack = useTestStack();

  it('publishes a picture whose figures are those the test works out by hand', async () => {
    // Three municipalities of Stockholm county and two regions (Sörmland, Östergötland).
    const round = await startRound(stack, ['0139', '0140', '0160', '04', '05'], { remindMs: 5_000, dueMs: 9_000, cutoffMs: 15_000 });
    const [bro, nykvarn, taby, sormland] = await Promise.all([as(stack, '0139'), as(stack, '0140'), as(stack, '0160'), as(stack, '04')]);

    // A bad answer is refused at the field, and nothing is written: the task stays open.
    const regionTask = await waitForTask(sormland, round.roundId, KIND.report);
    const tooMany = await sormland.post(`/tasks/${regionTask.id}/complete`).send({ decision: regional(12, 20, 21, [5, 6, 7]) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toBe('decision.icuBedsOccupied');
    const percent = await sormland.post(`/tasks/${regionTask.id}/complete`).send({ decision: regional(12, 20, 15, [101, 6, 7]) });
    expect([400, 422]).toContain(percent.status);
    expect(JSON.stringify(percent.body)).toContain('decision.staffAbsencePercent.nurses');
    const twoDecimals = await sormland.post(`/tasks/${regionTask.id}/complete`).send({ decision: regional(12, 20, 15, [5.25, 6, 7]) });
    expect([400, 422]).toContain(twoDecimals.status);
    expect(JSON.stringify(twoDecimals.body)).toContain('decision.staffAbsencePercent.nurses');
    expect(await sql(stack.config, `SELECT 1 FROM situation_reports WHERE round_id = $1`, [round.roundId])).toEqual([]);

    // On time: Upplands-Bro, Nykvarn (corrected below) and Sörmland.
    await answer(bro, round.roundId, KIND.report, municipal([10, 12.5, 4]));
    await answer(nykvarn, round.roundId, KIND.report, municipal([20, 15, 5], { nitrile_gloves: 25 }));
    await answer(sormland, round.roundId, KIND.report, { ...regional(12, 20, 15, [5, 6.5, 7]), comment: 'Lugnt läge' });
    const corrected = await nykvarn.post(`/situation-reports/rounds/${round.roundId}/reports`).send({ figures: municipal([6, 9.5, 2], { nitrile_gloves: 20 }) });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ organisationCode: '0140', standing: 'on_time' });
    expect(corrected.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);

    // Täby misses the due time: its reminder first, then (past due) an escalation to its coordinator.
    await waitForTask(taby, round.roundId, KIND.reminder);
    await untilPast(round.dueAt);
    await waitForTask(await as(stack, '0160', 'coordinator'), round.roundId, KIND.escalation);
    await answer(taby, round.roundId, KIND.report, municipal([8, 11, 3], { nitrile_gloves: 40 }));
    // Its report closed the reminder and the escalation with it.
    const open = await sql<{ kind: string; assigned_org: string }>(stack.config, `SELECT kind, assigned_org FROM tasks WHERE case_id = $1 AND status = 'open' ORDER BY assigned_org, kind`, [round.roundId]);
    expect(open).toEqual([{ kind: KIND.report, assigned_org: '05' }, { kind: KIND.reminder, assigned_org: '05' }, { kind: KIND.escalation, assigned_org: '05' }].sort((a, b) => a.kind.localeCompare(b.kind)));

    // Östergötland never reports. At the cut-off the round closes with what has arrived.
    const sos = await as(stack, 'SOCIALSTYRELSEN', 'coordinator');
    const picture = await waitForPicture(sos, round.roundId);
    expect(await sql(stack.config, `SELECT kind FROM tasks WHERE case_id = $1 AND status = 'open' AND kind <> $2`, [round.roundId, KIND.picturePublished])).toEqual([]);

    // By hand. Absence (municipalities): nurses 10, 6 (corrected), 8 → median 8; care staff 12.5, 9.5, 11 → 11;
    // other 4, 2, 3 → 3. Nitrile gloves 30, 20 (corrected), 40 → median 30, min 20; every other item 30 each.
    const nation = picture.nation;
    expect(nation.municipalities).toEqual({ expected: 3, reported: 3, missing: [], revised: [] });
    expect(nation.regions).toEqual({ expected: 2, reported: 1, missing: ['05'], revised: [] });
    expect(nation.municipalStaffAbsence.nurses).toEqual({ reported: 3, median: 8, min: 6, max: 10 });
    expect(nation.municipalStaffAbsence.care_staff).toEqual({ reported: 3, median: 11, min: 9.5, max: 12.5 });
    expect(nation.municipalStaffAbsence.other_staff).toEqual({ reported: 3, median: 3, min: 2, max: 4 });
    expect(nation.stockDays.nitrile_gloves).toEqual({ reported: 3, median: 30, min: 20, max: 40, belowThreshold: 0 });
    expect(nation.stockDays.visors).toEqual({ reported: 3, median: 30, min: 30, max: 30, belowThreshold: 0 });
    // Regions: only Sörmland, 12 COVID-19 in-patients, 15 of 20 intensive-care beds occupied: 5 free, 75.0 %.
    expect(nation.regionalStaffAbsence.care_staff).toEqual({ reported: 1, median: 6.5, min: 6.5, max: 6.5 });
    expect(nation.covidInpatients).toEqual({ reported: 1, sum: 12 });
    expect(nation.icu).toEqual({ reported: 1, beds: 20, occupied: 15, free: 5, occupancyPercent: 75 });
    // Per county: Stockholm's three municipalities; Sörmland and Östergötland one region each.
    expect(Object.keys(picture.counties).sort()).toEqual(['01', '04', '05']);
    expect(picture.counties['01'].municipalities.reported).toBe(3);
    expect(picture.counties['05'].regions).toEqual({ expected: 1, reported: 0, missing: ['05'], revised: [] });
    expect(picture.counties['05'].icu).toEqual({ reported: 0, beds: 0, occupied: 0, free: 0, occupancyPercent: null });
    // Who reported how.
    const standing = Object.fromEntries(picture.organisations.map((o) => [o.organisationCode, [o.standing, o.corrected, o.revised]]));
    expect(standing).toEqual({ '0139': ['on_time', false, false], '0140': ['on_time', true, false], '0160': ['late', false, false], '04': ['on_time', false, false], '05': ['missing', false, false] });

    // Every participant got the picture as a notice.
    const notices = await sql<{ assigned_org: string }>(stack.config, `SELECT assigned_org FROM tasks WHERE case_id = $1 AND kind = $2 ORDER BY assigned_org`, [round.roundId, KIND.picturePublished]);
    expect(notices.map((n) => n.assigned_org)).toEqual(['0139', '0140', '0160', '04', '05']);

    // The round in the list; its status closed.
    const rounds = await sos.get('/situation-reports/rounds').expect(200);
    expect(rounds.body.items.find((r: { roundId: string }) => r.roundId === round.roundId)).toMatchObject({ status: 'closed', expected: 5, reported: 4, pictureVersion: 1 });

    // Raw reports within each remit: one's own, a county board its county's, Socialstyrelsen all; SKR none.
    await bro.get(`/situation-reports/rounds/${round.roundId}/reports/0140`).expect(404);
    expect((await bro.get(`/situation-reports/rounds/${round.roundId}/reports`).expect(200)).body.items.map((r: { organisationCode: string }) => r.organisationCode)).toEqual(['0139']);
    const lst = await as(stack, 'LST-01');
    expect((await lst.get(`/situation-reports/rounds/${round.roundId}/reports`).expect(200)).body.items.map((r: { organisationCode: string }) => r.organisationCode)).toEqual(['0139', '0140', '0160']);
    await lst.get(`/situation-reports/rounds/${round.roundId}/reports/04`).expect(404);
    const all = await sos.get(`/situation-reports/rounds/${round.roundId}/reports?limit=2`).expect(200);
    expect(all.body.items.map((r: { organisationCode: string }) => r.organisationCode)).toEqual(['0139', '0140']);
    const rest = await sos.get(`/situation-reports/rounds/${round.roundId}/reports?limit=2&cursor=${all.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((r: { organisationCode: string }) => r.organisationCode)).toEqual(['0160', '04']);
    const skr = await as(stack, 'SKR');
    await skr.get(`/situation-reports/rounds/${round.roundId}/picture`).expect(200);
    await skr.get(`/situation-reports/rounds/${round.roundId}/reports`).expect(403);
    // An organisation not in the round, and one of no reporting kind: the round does not exist for them.
    await (await as(stack, '0114')).get(`/situation-reports/rounds/${round.roundId}/picture`).expect(404);
    await (await as(stack, 'KS')).get(`/situation-reports/rounds/${round.roundId}/picture`).expect(404);
  });
});

describe('a shortage reaches Länsstyrelsen, and its answer goes back to the municipality', () => {
  const stack = useTestStack();

  it('one task per municipality and item, answered with the action taken', async () => {
    const round = await startRound(stack, ['0162', '0163'], { remindMs: 20_000, dueMs: 25_000, cutoffMs: 30_000 });
    const danderyd = await as(stack, '0162');
    // Nitrile gloves for 3 days and visors for 5: both below the default 7 days.
    await answer(danderyd, round.roundId, KIND.report, municipal([5, 5, 5], { nitrile_gloves: 3, visors: 5 }));
    const lst = await as(stack, 'LST-01');
    await waitForTask(lst, round.roundId, KIND.shortage);
    const shortages = async () =>
      sql<{ item: string; days_left: number }>(stack.config, `SELECT item, days_left FROM situation_shortages WHERE round_id = $1 ORDER BY item`, [round.roundId]);
    expect(await shortages()).toEqual([{ item: 'nitrile_gloves', days_left: 3 }, { item: 'visors', days_left: 5 }]);
    const listed = (await lst.get(`/tasks?caseId=${round.roundId}&kind=${KIND.shortage}`).expect(200)).body.items;
    expect(listed).toHaveLength(2);
    const tasks = await Promise.all(listed.map(async (t: { id: string }) => (await lst.get(`/tasks/${t.id}`).expect(200)).body));
    const nitrile = tasks.find((t: { input: { item: string } }) => t.input.item === 'nitrile_gloves');
    expect(nitrile.input).toMatchObject({ municipality: '0162', daysLeft: 3, thresholdDays: 7 });

    // A correction still short of gloves raises no second task for them.
    await danderyd.post(`/situation-reports/rounds/${round.roundId}/reports`).send({ figures: municipal([5, 5, 5], { nitrile_gloves: 2, visors: 5 }) }).expect(200);
    expect((await lst.get(`/tasks?caseId=${round.roundId}&kind=${KIND.shortage}`).expect(200)).body.items).toHaveLength(2);

    // Only the county board answers (another board's people have no such task).
    await (await as(stack, 'LST-03')).post(`/tasks/${nitrile.id}/complete`).send({ decision: { action: 'redistributed' } }).expect(404);
    await lst.post(`/tasks/${nitrile.id}/complete`).send({ decision: { action: 'redistributed', comment: 'Omfördelat från Solna' } }).expect(200);

    // The municipality is told, and sees the answer with its report.
    const notices = (await danderyd.get(`/tasks?caseId=${round.roundId}&kind=${KIND.shortageAnswered}`).expect(200)).body.items;
    expect(notices).toHaveLength(1);
    expect((await danderyd.get(`/tasks/${notices[0].id}`).expect(200)).body.input).toMatchObject({ item: 'nitrile_gloves', action: 'redistributed', countyBoard: 'LST-01', comment: 'Omfördelat från Solna' });
    const report = (await danderyd.get(`/situation-reports/rounds/${round.roundId}/reports/0162`).expect(200)).body;
    expect(report.shortages).toEqual([
      expect.objectContaining({ item: 'nitrile_gloves', action: 'redistributed', comment: 'Omfördelat från Solna', countyBoard: 'LST-01' }),
      expect.objectContaining({ item: 'visors', action: null }),
    ]);
    // Sollentuna, which reported nothing short, has no shortage; and cannot read Danderyd's.
    await (await as(stack, '0163')).get(`/situation-reports/rounds/${round.roundId}/reports/0162`).expect(404);
  });
});

describe('a revision after the cut-off', () => {
  const stack = useTestStack();

  it('is accepted, and the picture is computed again and says it was revised', async () => {
    const round = await startRound(stack, ['0186', '0187'], { remindMs: 2_000, dueMs: 3_000, cutoffMs: 5_000 });
    const lidingo = await as(stack, '0186');
    await answer(lidingo, round.roundId, KIND.report, municipal([10, 10, 10]));
    const sos = await as(stack, 'SOCIALSTYRELSEN', 'coordinator');
    const first = await waitForPicture(sos, round.roundId);
    expect(first.nation.municipalities).toEqual({ expected: 2, reported: 1, missing: ['0187'], revised: [] });
    expect(first.nation.municipalStaffAbsence.nurses.median).toBe(10);

    // Lidingö revises; Vaxholm, which missed the cut-off, reports now: both revisions of the published picture.
    const revised = await lidingo.post(`/situation-reports/rounds/${round.roundId}/reports`).set('Idempotency-Key', key('revise')).send({ figures: municipal([4, 10, 10]) }).expect(200);
    expect(revised.body.revisions.map((r: { revision: number; afterClose: boolean }) => [r.revision, r.afterClose])).toEqual([[1, false], [2, true]]);
    const second = await waitForPicture(sos, round.roundId, 2);
    expect(second.nation.municipalStaffAbsence.nurses).toEqual({ reported: 1, median: 4, min: 4, max: 4 });
    expect(second.nation.municipalities.revised).toEqual(['0186']);
    expect(second.organisations.find((o) => o.organisationCode === '0186')).toMatchObject({ standing: 'on_time', revised: true });

    await (await as(stack, '0187')).post(`/situation-reports/rounds/${round.roundId}/reports`).send({ figures: municipal([20, 10, 10]) }).expect(200);
    const third = await waitForPicture(sos, round.roundId, 3);
    expect(third.nation.municipalities).toEqual({ expected: 2, reported: 2, missing: [], revised: ['0186', '0187'] });
    expect(third.nation.municipalStaffAbsence.nurses).toEqual({ reported: 2, median: 12, min: 4, max: 20 });
    expect(third.organisations.find((o) => o.organisationCode === '0187')).toMatchObject({ standing: 'late', revised: true });

    // A bad revision is refused at the field and changes nothing.
    const bad = await lidingo.post(`/situation-reports/rounds/${round.roundId}/reports`).send({ figures: { ...municipal([4, 10, 10]), stockDays: { nitrile_gloves: -1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toMatch(/^figures\.stockDays\./);
    expect((await waitForPicture(sos, round.roundId, 3)).version).toBe(3);
  });
});

describe('the Temporal Schedule starts the round of the week that has ended', () => {
  const stack = useTestStack();

  it('fires on Monday 00:00 Stockholm time, and a backfilled Monday gives that week its round, once', async () => {
    const temporal = await temporalClient(stack.config);
    try {
      const scheduleId = await ensureSituationRoundSchedule(temporal.client, stack.config);
      expect(scheduleId).toBe(situationRoundScheduleId(stack.config.TEMPORAL_TASK_QUEUE));
      const handle = temporal.client.schedule.getHandle(scheduleId as string);
      try {
        // Whatever today is, the next firing is a Monday at 00:00 in Stockholm.
        const next = (await handle.describe()).info.nextActionTimes[0];
        const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next);
        expect(wall).toBe('mån 00:00');

        // Monday 30 March 2026 00:00 CEST (after the change to summer time) is 29 March 22:00Z: week 13 has ended.
        await handle.backfill([{ start: new Date('2026-03-29T21:59:00Z'), end: new Date('2026-03-29T22:01:00Z') }]);
        let rows: { id: string; week: string; due_at: Date; participants: unknown[] }[] = [];
        for (let i = 0; i < 300 && rows.length === 0; i++) {
          rows = await sql(stack.config, `SELECT id, week, due_at, participants FROM situation_rounds WHERE week = '2026-W13'`);
          if (rows.length === 0) await sleep(100);
        }
        expect(rows).toHaveLength(1);
        // Due Wednesday 1 April 12:00 CEST = 10:00Z; every active municipality and region of the register reports.
        expect(rows[0].due_at.toISOString()).toBe('2026-04-01T10:00:00.000Z');
        const expected = await sql<{ n: number }>(stack.config, `SELECT count(*)::int AS n FROM organisations WHERE kind IN ('municipality', 'region') AND active`);
        expect(rows[0].participants).toHaveLength(expected[0].n);
        const started = await temporal.client.workflow.getHandle(situationRoundWorkflowId(`2026-W13:${stack.config.TEMPORAL_TASK_QUEUE}`)).describe();
        expect(started.type).toBe('situationReportRound');

        // The same Monday again starts no second round.
        await handle.backfill([{ start: new Date('2026-03-29T21:59:00Z'), end: new Date('2026-03-29T22:01:00Z') }]);
        await sleep(2_000);
        expect(await sql(stack.config, `SELECT id FROM situation_rounds WHERE week = '2026-W13'`)).toHaveLength(1);
      } finally {
        await handle.delete();
      }
    } finally {
      await temporal.close();
    }
  });
});
