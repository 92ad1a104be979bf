/**
 * One weekly reporting round of situation reports (lägesbilder, seeds 003 and 004):
 *
 * 1. When the week has ended, every reporting municipality and region gets a report task, due (by default) on
 *    Wednesday 12:00 Stockholm time; a reminder the working day before, an escalation to its coordinator after.
 * 2. An organisation may correct its report until the cut-off (the API's revise request).
 * 3. A consumable below its threshold raises a shortage task for the county board, once per municipality and item;
 *    the board's answer goes back to the municipality as a notice.
 * 4. At the cut-off the round closes with what has arrived: the picture is computed and stored with that step, and
 *    every participant gets it as a notice. Reports after the cut-off are revisions: the picture is computed again.
 * 5. Revisions end `revisionDays` after the cut-off, and so does the round.
 *
 * Rules: libs/domain/src/situation-reports. Deadlines, reminders, escalation and projection: the shared runtime.
 */
import { ACKNOWLEDGE, AnswerSchema, object, text } from '../../libs/contracts/src/answer-schema';
import {
  reviseReportUpdate,
  roundOpenedUpdate,
  roundStateQuery,
  SITUATION_ROUND_CASE_TYPE,
  SITUATION_TASK_KINDS as KIND,
  SituationRoundInput,
} from '../../libs/contracts/src/situation-report.contract';
import { SYSTEM } from '../../libs/domain/src/case/case';
import { CONSUMABLES, Participant, ReporterKind, Round, SHORTAGE_ACTIONS, ShortageStatus, STAFF_GROUPS } from '../../libs/domain/src/situation-reports/report.types';
import * as rules from '../../libs/domain/src/situation-reports/round.rules';
import { CaseRuntime } from '../shared/case-runtime';

const PERCENT: AnswerSchema = { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.1 };
const COUNT: AnswerSchema = { type: 'integer', minimum: 0, maximum: 100_000 };
const byKey = (keys: readonly string[], schema: AnswerSchema) => object(Object.fromEntries(keys.map((k) => [k, schema])), [...keys]);
const ABSENCE = byKey(STAFF_GROUPS, PERCENT);
export const REPORT_SCHEMAS: Record<ReporterKind, AnswerSchema> = {
  municipality: object({ staffAbsencePercent: ABSENCE, stockDays: byKey(CONSUMABLES, { type: 'integer', minimum: 0, maximum: 3650 }), comment: text(2000) }, ['staffAbsencePercent', 'stockDays']),
  region: object({ covidInpatients: COUNT, icuBeds: COUNT, icuBedsOccupied: COUNT, staffAbsencePercent: ABSENCE, comment: text(2000) }, ['covidInpatients', 'icuBeds', 'icuBedsOccupied', 'staffAbsencePercent']),
};
const SHORTAGE_ANSWER = object({ action: { type: 'string', enum: [...SHORTAGE_ACTIONS] }, comment: text(2000) }, ['action']);
const NOTICE_MS = 7 * 24 * 3_600_000;

export async function situationReportRound(input: SituationRoundInput): Promise<Round> {
  const { calendar, policy } = input;
  const rt = new CaseRuntime<Round>({
    caseType: SITUATION_ROUND_CASE_TYPE,
    caseId: input.roundId,
    initial: rules.openRound(input.roundId, calendar, input.participants),
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    // Socialstyrelsen runs the round; reporters and county boards work through their tasks and the report API.
    parties: () => [rules.ROUND_OWNER],
    summary: rules.roundSummary,
    ended: (s) => s.status === 'ended',
    waitingFor: (s) => (s.status === 'closed' ? { what: 'request', description: 'revisions of the published picture', until: calendar.revisionsUntil } : null),
    escalation: { kind: KIND.escalation, dueInMs: Date.parse(calendar.cutoffAt) - Date.parse(calendar.dueAt), to: (t, level) => (level === 1 ? { org: t.assignedOrg, role: 'coordinator' } : null) },
  });
  const about = (p: Participant) => ({ roundId: input.roundId, week: calendar.week, periodFrom: calendar.periodFrom, periodTo: calendar.periodTo, organisationCode: p.organisationCode, kind: p.kind });
  const raiseShortages = (organisationCode: string, figures: unknown) => {
    const raised = rules.newShortages(rt.state, organisationCode, figures as never, policy, (county) => input.countyBoards[county] ?? rules.ROUND_OWNER);
    if (raised.length === 0) return;
    rt.apply(rules.raiseShortages(rt.state, raised));
    for (const x of raised) rt.openTask(KIND.shortage, x);
  };
  const publishNotices = () => {
    for (const p of input.participants) rt.openTask(KIND.picturePublished, p);
  };

  rt.tasks({
    [KIND.report]: (p: Participant) => ({
      assignedOrg: p.organisationCode,
      requiredRole: 'case_handler',
      dueAt: calendar.dueAt,
      input: { ...about(p), dueAt: calendar.dueAt, cutoffAt: calendar.cutoffAt },
      answerSchema: REPORT_SCHEMAS[p.kind],
      decide: (s, d: Record<string, unknown>, by, now) => rules.report(s, p.organisationCode, d, by, now),
      then: (d: Record<string, unknown>) => raiseShortages(p.organisationCode, d),
      result: (s) => ({ revision: s.reports[p.organisationCode]?.revision }),
      escalate: true,
      scope: `report:${p.organisationCode}`,
      reminder: { beforeDueMs: Date.parse(calendar.dueAt) - Date.parse(calendar.remindAt), kind: KIND.reminder, event: 'report_reminder', input: about(p) },
    }),
    [KIND.shortage]: (x: ShortageStatus) => ({
      assignedOrg: x.countyBoard,
      requiredRole: 'case_handler',
      dueAt: calendar.cutoffAt,
      input: { roundId: input.roundId, week: calendar.week, municipality: x.organisationCode, item: x.item, daysLeft: x.daysLeft, thresholdDays: policy.shortageThresholdDays[x.item] },
      answerSchema: SHORTAGE_ANSWER,
      decide: (s, d: { action: (typeof SHORTAGE_ACTIONS)[number]; comment?: string }, by, now) => rules.answerShortage(s, x.organisationCode, x.item, d, by, now),
      then: () => rt.openTask(KIND.shortageAnswered, rt.state.shortages[rules.shortageKey(x.organisationCode, x.item)]),
    }),
    [KIND.shortageAnswered]: (x: ShortageStatus) => ({
      assignedOrg: x.organisationCode,
      requiredRole: 'case_handler',
      dueInMs: NOTICE_MS,
      input: { roundId: input.roundId, week: calendar.week, item: x.item, daysLeft: x.daysLeft, countyBoard: x.countyBoard, action: x.action, ...(x.comment ? { comment: x.comment } : {}) },
      answerSchema: ACKNOWLEDGE,
      decide: (s) => ({ state: s, events: [] }),
    }),
    [KIND.picturePublished]: (p: Participant) => ({
      assignedOrg: p.organisationCode,
      requiredRole: 'case_handler',
      dueInMs: NOTICE_MS,
      input: { ...about(p), picture: `/situation-reports/rounds/${input.roundId}/picture` },
      answerSchema: ACKNOWLEDGE,
      decide: (s) => ({ state: s, events: [] }),
    }),
  });

  rt.onTimer('open', () => {
    for (const p of input.participants) rt.openTask(KIND.report, p);
  }, () => 'the end of the reported week');
  rt.onTimer('cutoff', () => {
    rt.apply(rules.closeRound(rt.state, rt.now()));
    for (const p of input.participants) rt.cancelScope(`report:${p.organisationCode}`, 'the round closed at its cut-off');
    publishNotices();
    rt.schedule('revisions_end', calendar.revisionsUntil, {});
  }, () => 'the cut-off of the round');
  rt.onTimer('revisions_end', () => {
    rt.apply(rules.endRound(rt.state));
  }, () => 'the end of revisions');

  rt.openedUpdate(roundOpenedUpdate, input.requestId);
  rt.query(roundStateQuery, (view) => view);
  rt.command(reviseReportUpdate, {
    decide: (s, cmd, now) => rules.report(s, cmd.organisationCode, cmd.figures, cmd.by, now, 'figures'),
    by: (cmd) => cmd.by,
    audit: 'situation_report.revise',
    then: (cmd) => {
      // A report sent through the API answers the organisation's open report task too (it was late, say).
      rt.cancelScope(`report:${cmd.organisationCode}`, 'reported through the API');
      raiseShortages(cmd.organisationCode, cmd.figures);
    },
  });

  return rt.run(() => {
    rt.apply({
      state: rt.state,
      events: [{ type: 'round_opened', by: input.openedBy ?? SYSTEM, detail: { week: calendar.week, participants: input.participants.length } }],
      effects: [{ type: 'situation_round.open', roundId: input.roundId, calendar, participants: input.participants, policy }],
    });
    if (input.openedBy) rt.auditRequest('situation_report.open_round', input.openedBy, input.requestId);
    rt.schedule('open', calendar.opensAt, {});
    rt.schedule('cutoff', calendar.cutoffAt, {});
  });
}
