/**
 * The situation-report round (issue 14) on Temporal's time-skipping test server, with the case runtime's activities
 * as recording functions: when report tasks open, when the reminder, the escalation and the cut-off come (an ordinary
 * week, weeks with a public holiday, the week of the change to summer time), what reports, corrections, revisions and
 * shortages do, and the Schedule's starter.
 *
 * Every instant is fixed and was worked out by hand from the calendar (libs/domain/src/situation-reports/calendar.ts).
 * The test server's clock starts at the real now and only moves forward, so the rounds are in 2097–2099 (far ahead of
 * any real now) and the tests run in the order of their weeks. The clock of a step is the server's clock while the
 * step's write runs: the workflow task that writes it holds the server's time still, so it is the workflow's clock
 * to within the milliseconds the step takes (asserted to the minute).
 */
import { WorkflowClient, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { CaseStep, StepResult } from '../../libs/contracts/src/case-runtime.contract';
import {
  reviseReportUpdate,
  roundOpenedUpdate,
  roundStateQuery,
  SITUATION_TASK_KINDS as KIND,
  situationRoundWorkflowId,
  SituationRoundInput,
} from '../../libs/contracts/src/situation-report.contract';
import { vardflodeDataConverter } from '../../libs/crypto/src/payload-codec';
import { roundCalendar } from '../../libs/domain/src/situation-reports/calendar';
import { CONSUMABLES, Participant, RoundCalendar } from '../../libs/domain/src/situation-reports/report.types';
import { situationReportRound } from '../../workflows/situation-report-round/situation-report-round.workflow';
import { startSituationReportRound } from '../../workflows/situation-report-round/start-situation-report-round.workflow';
import { fixedTestKeyRing } from '../support/test-key-ring';
import { fakeCaseActivities } from './support/case-activities';
import { answer, finish, openTask } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const stockholm: Participant = { organisationCode: '0180', name: 'Stockholm', kind: 'municipality', county: '01' };
const solna: Participant = { organisationCode: '0184', name: 'Solna', kind: 'municipality', county: '01' };
const lidingo: Participant = { organisationCode: '0186', name: 'Lidingö', kind: 'municipality', county: '01' };
const region: Participant = { organisationCode: '01', name: 'Region Stockholm', kind: 'region', county: '01' };
const handler = (p: Participant) => ({ actor: `handler-${p.organisationCode}`, organisationCode: p.organisationCode });

const municipalFigures = (nitrileGloves = 30) => ({
  staffAbsencePercent: { nurses: 4.5, care_staff: 6, other_staff: 2.1 },
  stockDays: { nitrile_gloves: nitrileGloves, other_gloves: 40, surgical_masks: 60, ffp_respirators: 20, visors: 90, aprons: 25, hand_disinfectant: 45 },
});
const regionFigures = { covidInpatients: 12, icuBeds: 40, icuBedsOccupied: 31, staffAbsencePercent: { nurses: 3.2, care_staff: 5, other_staff: 1.9 } };

function roundInput(week: string, participants: Participant[]): Omit<SituationRoundInput, 'roundId'> {
  return {
    calendar: roundCalendar(week),
    participants,
    countyBoards: { '01': 'LST-01' },
    policy: { shortageThresholdDays: Object.fromEntries(CONSUMABLES.map((item) => [item, 7])) as SituationRoundInput['policy']['shortageThresholdDays'] },
  };
}

/** Polls `check` until it holds (bounded): a timer's step may still be writing when the server's clock has moved. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the expected step did not come within 2 s');
}

/** The minute an instant (ms) falls in, as an ISO instant: steps are asserted to the minute of the workflow clock. */
const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

describe('the situation-report round, on the time-skipping test server', () => {
  const ts = useTimeSkipping();
  const dataConverter = vardflodeDataConverter(fixedTestKeyRing());

  /** Moves the server's clock to a fixed instant (firing every timer on the way). */
  const skipTo = async (iso: string) => {
    const ms = Date.parse(iso) - (await ts.env.currentTimeMs());
    if (ms <= 0) throw new Error(`the server's clock is already past ${iso}: the tests run in the order of their weeks`);
    await ts.env.sleep(ms);
  };

  /** The fake case activities, and each written step with the server's clock while it was written. */
  const recording = () => {
    const fake = fakeCaseActivities();
    const written: { step: CaseStep; at: number }[] = [];
    const activities = {
      ...fake.activities,
      async applyCaseStep(step: CaseStep): Promise<StepResult> {
        const at = await ts.env.currentTimeMs();
        const result = await fake.activities.applyCaseStep(step);
        if (result.ok) written.push({ step, at });
        return result;
      },
    };
    /** When the step that opened a task of `kind` for `org` was written (to the minute). */
    const openedAt = (kind: string, org: string) => {
      const w = written.filter((x) => x.step.opened.some((t) => t.kind === kind && t.assignedOrg === org));
      if (w.length !== 1) throw new Error(`${w.length} steps opened ${kind} for ${org}`);
      return minute(w[0].at);
    };
    /** The one step with a timeline event of `type` (optionally about `org`), and its clock to the minute. */
    const eventStep = (type: string, org?: string) => {
      const w = written.filter((x) => x.step.projection.events.some((e) => e.type === type && (!org || e.detail?.organisationCode === org)));
      if (w.length !== 1) throw new Error(`${w.length} steps with ${type}${org ? ` about ${org}` : ''}`);
      const event = w[0].step.projection.events.find((e) => e.type === type && (!org || e.detail?.organisationCode === org));
      return { step: w[0].step, at: minute(w[0].at), eventAt: minute(Date.parse(event?.at as string)), event };
    };
    return { fake, activities, written, openedAt, eventStep };
  };

  beforeAll(async () => {
    await skipTo('2097-03-01T00:00:00Z');
  });

  // Nobody answers: the report tasks open at the week's end, remind, escalate to the coordinator, close at the
  // cut-off (the picture published, a notice to each participant), and the round ends when revisions end.
  const weeks: [string, string, Omit<RoundCalendar, 'week' | 'periodFrom' | 'periodTo'>][] = [
    [
      'an ordinary week (2097-W10: due Wednesday 13 March, CET)',
      '2097-W10',
      // Revisions end on Thursday 11 April at 12:00, by then summer time (CEST): 10:00Z.
      { opensAt: '2097-03-10T23:00:00.000Z', remindAt: '2097-03-12T11:00:00.000Z', dueAt: '2097-03-13T11:00:00.000Z', cutoffAt: '2097-03-14T11:00:00.000Z', revisionsUntil: '2097-04-11T10:00:00.000Z' },
    ],
    [
      'a week whose Wednesday is a public holiday (2097-W17: Wednesday 1 May): due Thursday, cut-off Friday',
      '2097-W17',
      // The reminder is one working day before the due Thursday: Tuesday 30 April (1 May is not a working day).
      { opensAt: '2097-04-28T22:00:00.000Z', remindAt: '2097-04-30T10:00:00.000Z', dueAt: '2097-05-02T10:00:00.000Z', cutoffAt: '2097-05-03T10:00:00.000Z', revisionsUntil: '2097-05-31T10:00:00.000Z' },
    ],
    [
      'the week before Christmas 2097 (Wednesday 25 and Thursday 26 December are holidays): due Friday 27, cut-off Monday 30',
      '2097-W51',
      // Reminder one working day before Friday 27: Monday 23 December (julafton, like the holidays, is not one).
      { opensAt: '2097-12-22T23:00:00.000Z', remindAt: '2097-12-23T11:00:00.000Z', dueAt: '2097-12-27T11:00:00.000Z', cutoffAt: '2097-12-30T11:00:00.000Z', revisionsUntil: '2098-01-27T11:00:00.000Z' },
    ],
    [
      'the week ending on the Sunday summer time starts (2099-W13, 23–29 March, as 2026-W13): opens Monday 00:00 CEST, due Wednesday 1 April 12:00 CEST',
      '2099-W13',
      { opensAt: '2099-03-29T22:00:00.000Z', remindAt: '2099-03-31T10:00:00.000Z', dueAt: '2099-04-01T10:00:00.000Z', cutoffAt: '2099-04-02T10:00:00.000Z', revisionsUntil: '2099-04-30T10:00:00.000Z' },
    ],
  ];

  it.each(weeks)('%s', async (_title, week, times) => {
    expect(roundCalendar(week)).toMatchObject(times); // the calendar as worked out by hand
    const { activities, written, openedAt, eventStep, fake } = recording();
    const input: SituationRoundInput = { ...roundInput(week, [stockholm, region]), roundId: randomUUID() };
    const result = await ts.withWorker(activities, async (taskQueue) => {
      const handle = await ts.env.client.workflow.start(situationReportRound, { taskQueue, workflowId: situationRoundWorkflowId(`${input.roundId}:${taskQueue}`), args: [input] });
      return handle.result(); // skips the server's clock through the whole round
    });
    expect(result).toMatchObject({ status: 'ended', pictureVersion: 1, reports: {}, openTasks: [] });

    // The round opened at once (before the week's end), and scheduled everything else.
    expect(written[0].step.projection.events.map((e) => e.type)).toEqual(['round_opened']);
    expect(written[0].at).toBeLessThan(Date.parse(times.opensAt));

    // Every step after the opening, in order, at its minute.
    const reports = fake.opened(KIND.report);
    const reminders = fake.opened(KIND.reminder);
    const escalations = fake.opened(KIND.escalation);
    const notices = fake.opened(KIND.picturePublished);
    const timeline = written.slice(1).map(({ step, at }) => ({
      at: minute(at),
      events: step.projection.events.map((e) => e.type),
      opened: step.opened.map((t) => `${t.kind} ${t.assignedOrg}/${t.requiredRole}`).sort(),
      cancelled: step.cancelled.length,
    }));
    const both = (kind: string, role = 'case_handler') => [`${kind} 01/${role}`, `${kind} 0180/${role}`];
    const one = (org: string, kind: string, role = 'case_handler') => [`${kind} ${org}/${role}`];
    expect(timeline.sort((a, b) => a.at.localeCompare(b.at) || JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { at: times.opensAt, events: [], opened: both(KIND.report), cancelled: 0 },
      { at: times.remindAt, events: ['report_reminder'], opened: one('01', KIND.reminder), cancelled: 0 },
      { at: times.remindAt, events: ['report_reminder'], opened: one('0180', KIND.reminder), cancelled: 0 },
      { at: times.dueAt, events: ['task_overdue'], opened: one('01', KIND.escalation, 'coordinator'), cancelled: 0 },
      { at: times.dueAt, events: ['task_overdue'], opened: one('0180', KIND.escalation, 'coordinator'), cancelled: 0 },
      // The cut-off closes each report task with its reminder and escalation (2 × 3), and sends two notices.
      { at: times.cutoffAt, events: ['round_closed'], opened: both(KIND.picturePublished), cancelled: 6 },
      { at: times.revisionsUntil, events: ['round_ended'], opened: [], cancelled: 0 },
      { at: times.revisionsUntil, events: [], opened: [], cancelled: 2 }, // the unread notices close with the round
    ]);

    // The task rows: report tasks due at dueAt; the reminder about each, due with it; the escalation to the
    // organisation's coordinator, due at the cut-off; the cut-off cancels all of them and publishes version 1.
    expect(reports.map((t) => [t.assignedOrg, t.dueAt, t.input.dueAt, t.input.cutoffAt])).toEqual([
      ['0180', times.dueAt, times.dueAt, times.cutoffAt],
      ['01', times.dueAt, times.dueAt, times.cutoffAt],
    ]);
    for (const report of reports) {
      const reminder = reminders.find((t) => t.parentTaskId === report.taskId);
      expect(reminder).toMatchObject({ assignedOrg: report.assignedOrg, requiredRole: 'case_handler', dueAt: times.dueAt });
      const escalation = escalations.find((t) => t.parentTaskId === report.taskId);
      expect(escalation).toMatchObject({ assignedOrg: report.assignedOrg, requiredRole: 'coordinator', input: { overdueTaskId: report.taskId, dueAt: times.dueAt } });
      expect(minute(Date.parse(escalation?.dueAt as string))).toBe(times.cutoffAt);
      expect(openedAt(KIND.reminder, report.assignedOrg)).toBe(times.remindAt);
    }
    const cutoff = eventStep('round_closed');
    expect(cutoff.eventAt).toBe(times.cutoffAt); // the workflow's own clock stamped the event
    expect(cutoff.event?.detail).toEqual({ reported: 0, missing: 2 });
    expect(cutoff.step.cancelled.map((c) => c.taskId).sort()).toEqual([...reports, ...reminders, ...escalations].map((t) => t.taskId).sort());
    expect(new Set(cutoff.step.cancelled.map((c) => c.reason))).toEqual(new Set(['the round closed at its cut-off']));
    expect(cutoff.step.effects).toEqual([expect.objectContaining({ type: 'situation_picture.publish', roundId: input.roundId, version: 1 })]);
    expect(notices.map((t) => [t.assignedOrg, t.input.picture])).toEqual([
      ['0180', `/situation-reports/rounds/${input.roundId}/picture`],
      ['01', `/situation-reports/rounds/${input.roundId}/picture`],
    ]);
    expect(eventStep('round_ended').eventAt).toBe(times.revisionsUntil);
  });

  it('answers on time close the reminder, a late answer is marked late, a correction and a revision are kept, a shortage is raised once', async () => {
    // 2099-W41 (5–11 October): opens Sunday 11 October 22:00Z (Monday 00:00 CEST), reminder Tuesday 13 October
    // 10:00Z, due Wednesday 14 October 10:00Z, cut-off Thursday 15 October 10:00Z; revisions until Thursday
    // 12 November 12:00, by then normal time (CET): 11:00Z.
    const week = '2099-W41';
    expect(roundCalendar(week)).toMatchObject({ opensAt: '2099-10-11T22:00:00.000Z', remindAt: '2099-10-13T10:00:00.000Z', dueAt: '2099-10-14T10:00:00.000Z', cutoffAt: '2099-10-15T10:00:00.000Z', revisionsUntil: '2099-11-12T11:00:00.000Z' });
    const { activities, fake, openedAt, eventStep } = recording();
    const input: SituationRoundInput = { ...roundInput(week, [stockholm, solna, lidingo, region]), roundId: randomUUID() };
    const result = await ts.withWorker(activities, async (taskQueue) => {
      const handle = await ts.env.client.workflow.start(situationReportRound, { taskQueue, workflowId: situationRoundWorkflowId(`${input.roundId}:${taskQueue}`), args: [input] });
      const reportTask = (p: Participant) => {
        const t = fake.opened(KIND.report).find((x) => x.assignedOrg === p.organisationCode);
        if (!t) throw new Error(`no report task for ${p.organisationCode}`);
        return t.taskId;
      };

      // Monday 12 October, 10:00 CEST: the tasks are open. Solna reports 3 days of nitrile gloves (threshold 7).
      await skipTo('2099-10-12T08:00:00Z');
      await openTask(handle, roundStateQuery, KIND.report);
      await answer(handle, reportTask(solna), handler(solna), municipalFigures(3));
      expect(fake.opened(KIND.shortage)).toEqual([
        expect.objectContaining({ assignedOrg: 'LST-01', input: expect.objectContaining({ municipality: '0184', item: 'nitrile_gloves', daysLeft: 3, thresholdDays: 7 }) }),
      ]);

      // Tuesday 13 October, 14:00 CEST: the reminders have come to those who had not reported; Stockholm reports on
      // time, which closes its reminder. Solna corrects (5 days, still below): no second shortage task.
      await skipTo('2099-10-13T12:00:00Z');
      await until(async () => fake.opened(KIND.reminder).length === 3);
      expect(fake.opened(KIND.reminder).map((t) => t.assignedOrg).sort()).toEqual(['01', '0180', '0186']);
      await answer(handle, reportTask(stockholm), handler(stockholm), municipalFigures());
      const stockholmReminder = fake.opened(KIND.reminder).find((t) => t.assignedOrg === '0180');
      expect(fake.cancelled()).toEqual([{ taskId: stockholmReminder?.taskId, reason: 'the task it was about is done' }]);
      const corrected = await handle.executeUpdate(reviseReportUpdate, { args: [{ organisationCode: '0184', figures: municipalFigures(5), by: handler(solna), requestId: 'correction-1' }] });
      expect(corrected.reports['0184']).toMatchObject({ revision: 2, corrected: true, late: false, revisedAfterClose: false });
      expect(fake.opened(KIND.shortage)).toHaveLength(1);

      // Wednesday 14 October, 14:00 CEST: past due, the region and Lidingö are escalated; the region reports late.
      await skipTo('2099-10-14T12:00:00Z');
      await until(async () => fake.opened(KIND.escalation).length === 2);
      expect(fake.opened(KIND.escalation).map((t) => [t.assignedOrg, t.requiredRole]).sort()).toEqual([
        ['01', 'coordinator'],
        ['0186', 'coordinator'],
      ]);
      await answer(handle, reportTask(region), handler(region), regionFigures);

      // Thursday 15 October, 14:00 CEST: the round closed at 12:00 with three reports; Lidingö's task was closed.
      // Lidingö then reports: a revision of the published picture (version 2).
      await skipTo('2099-10-15T12:00:00Z');
      await until(async () => (await handle.query(roundStateQuery)).status === 'closed');
      const revised = await handle.executeUpdate(reviseReportUpdate, { args: [{ organisationCode: '0186', figures: municipalFigures(), by: handler(lidingo), requestId: 'revision-1' }] });
      expect(revised).toMatchObject({ status: 'closed', pictureVersion: 2, reports: { '0186': { revision: 1, late: true, revisedAfterClose: true } } });
      return handle.result();
    });

    expect(result).toMatchObject({ status: 'ended', pictureVersion: 2, openTasks: [] });
    expect(openedAt(KIND.report, '0184')).toBe('2099-10-11T22:00:00.000Z');
    expect(openedAt(KIND.reminder, '0186')).toBe('2099-10-13T10:00:00.000Z');
    expect(openedAt(KIND.escalation, '0186')).toBe('2099-10-14T10:00:00.000Z');

    // On time: Stockholm after its reminder, Solna before it (no reminder for Solna at all).
    expect(eventStep('report_submitted', '0180').event?.detail).toEqual({ organisationCode: '0180', revision: 1 });
    expect(eventStep('report_submitted', '0184').event?.detail).toEqual({ organisationCode: '0184', revision: 1 });
    expect(fake.opened(KIND.reminder).some((t) => t.assignedOrg === '0184')).toBe(false);
    // Late: the region after its due time; its record says so, and its reminder and escalation closed with it.
    const late = eventStep('report_submitted', '01');
    expect(late.at).toBe('2099-10-14T12:00:00.000Z');
    expect(late.event?.detail).toEqual({ organisationCode: '01', revision: 1, late: true });
    expect(late.step.effects).toEqual([expect.objectContaining({ type: 'situation_report.record', report: expect.objectContaining({ organisationCode: '01', late: true, afterClose: false }) })]);
    expect(late.step.cancelled.map((c) => c.taskId).sort()).toEqual(fake.opened().filter((t) => t.assignedOrg === '01' && (t.kind === KIND.reminder || t.kind === KIND.escalation)).map((t) => t.taskId).sort());
    // The correction before the cut-off: one more record, no picture.
    const correction = eventStep('report_corrected', '0184');
    expect(correction.step.effects).toEqual([expect.objectContaining({ type: 'situation_report.record', report: expect.objectContaining({ revision: 2, afterClose: false }) })]);
    expect(correction.step.audit).toEqual([expect.objectContaining({ action: 'situation_report.revise', requestId: 'correction-1' })]);
    // The cut-off: three reported, Lidingö missing; its task, reminder and escalation closed; version 1 published.
    const cutoff = eventStep('round_closed');
    expect(cutoff.at).toBe('2099-10-15T10:00:00.000Z');
    expect(cutoff.event?.detail).toEqual({ reported: 3, missing: 1 });
    expect(cutoff.step.cancelled.map((c) => c.taskId).sort()).toEqual(fake.opened().filter((t) => t.assignedOrg === '0186' && t.kind !== KIND.picturePublished).map((t) => t.taskId).sort());
    expect(fake.opened(KIND.picturePublished).map((t) => t.assignedOrg)).toEqual(['0180', '0184', '0186', '01']);
    // The revision after it: its record and a second publication.
    const revision = eventStep('report_revised', '0186');
    expect(revision.step.effects).toEqual([
      expect.objectContaining({ type: 'situation_report.record', report: expect.objectContaining({ organisationCode: '0186', revision: 1, late: true, afterClose: true }) }),
      expect.objectContaining({ type: 'situation_picture.publish', roundId: input.roundId, version: 2 }),
    ]);
    const publications = fake.steps.flatMap((s) => s.effects).filter((e) => e.type === 'situation_picture.publish');
    expect(publications.map((e) => (e as { version: number }).version)).toEqual([1, 2]);
    // One shortage task over the whole round: Solna's nitrile gloves, raised with its first report.
    expect(fake.opened(KIND.shortage)).toHaveLength(1);
    expect(eventStep('shortage_raised').step.completed?.kind).toBe(KIND.report);
    expect(eventStep('round_ended').at).toBe('2099-11-12T11:00:00.000Z');
  });

  it("the Schedule's starter opens the round of the week that has just ended, once", async () => {
    const { activities: caseActivities, fake } = recording();
    const prepared: string[] = [];
    const activities = {
      ...caseActivities,
      async prepareSituationRound({ week }: { week: string }) {
        prepared.push(week);
        return roundInput(week, [stockholm, region]);
      },
    };
    await ts.withWorker(activities, async (taskQueue) => {
      // A plain client: awaiting a result through it does not let the server skip time (the rounds' timers wait).
      const client = new WorkflowClient({ connection: ts.env.connection, namespace: ts.env.namespace ?? 'default', dataConverter });
      const run = (at: string) => client.execute(startSituationReportRound, { taskQueue, workflowId: `situation-round-starter-${randomUUID()}`, args: [{ at }] });
      const rounds: WorkflowHandle[] = [];
      try {
        // Monday 30 November 2099 00:00 CET: the week of 23–29 November has just ended.
        const first = await run('2099-11-29T23:00:00Z');
        expect(first).toEqual({ week: '2099-W48', roundId: expect.any(String), workflowId: `situation-report-round-2099-W48:${taskQueue}` });
        rounds.push(client.getHandle(first.workflowId));
        // Later that Monday the Schedule (or a retry) starts again: the same week, no second round.
        const again = await run('2099-11-30T08:00:00Z');
        expect(again).toEqual({ week: '2099-W48', roundId: null, workflowId: first.workflowId });
        // One minute before Monday the week had not ended: the week before.
        const before = await run('2099-11-29T22:59:00Z');
        expect(before).toMatchObject({ week: '2099-W47', workflowId: `situation-report-round-2099-W47:${taskQueue}` });
        rounds.push(client.getHandle(before.workflowId));

        expect(prepared).toEqual(['2099-W48', '2099-W48', '2099-W47']);
        // The starter returns once its child has started: the update answers once the round has written its opening.
        const [w48, w47] = await Promise.all(rounds.map((round) => round.executeUpdate(roundOpenedUpdate)));
        expect(w48).toMatchObject({ roundId: first.roundId, status: 'open', calendar: roundCalendar('2099-W48') });
        expect(w47).toMatchObject({ roundId: before.roundId, status: 'open', calendar: roundCalendar('2099-W47') });
        // Two rounds opened in all, each with its week's calendar.
        const opened = fake.steps.flatMap((s) => s.effects).filter((e) => e.type === 'situation_round.open');
        expect(opened.map((e) => (e as { calendar: RoundCalendar }).calendar.week).sort()).toEqual(['2099-W47', '2099-W48']);
      } finally {
        for (const round of rounds) await finish(round);
      }
    });
  });
});
