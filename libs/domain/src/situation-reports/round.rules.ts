/**
 * A reporting round's rules: what a report, a correction, the cut-off and Länsstyrelsen's answer to a shortage do to
 * the round. Pure: called by the round's workflow and (through the same checks) by the API.
 */
import { Actor, Decision, outcome, refuse, SYSTEM } from '../case/case';
import type { CaseEffect } from '../case/effects';
import { figuresProblem, shortagesIn } from './figures';
import type { MunicipalityFigures, Participant, ReportFigures, Round, RoundCalendar, RoundPolicy, ShortageAction, ShortageStatus, StoredReport } from './report.types';

/** The organisations that take part in every round besides the reporters: Socialstyrelsen runs it. */
export const ROUND_OWNER = 'SOCIALSTYRELSEN';

export function openRound(roundId: string, calendar: RoundCalendar, participants: Participant[]): Round {
  return { roundId, calendar, status: 'open', participants, reports: {}, shortages: {}, pictureVersion: 0 };
}

export const participantOf = (s: Round, code: string): Participant | undefined => s.participants.find((p) => p.organisationCode === code);

export const shortageKey = (organisationCode: string, item: string) => `${organisationCode}:${item}`;

/** One stored report row for the step's effect. */
function stored(s: Round, p: Participant, figures: ReportFigures, by: Actor, now: string, revision: number, late: boolean): StoredReport {
  return { roundId: s.roundId, organisationCode: p.organisationCode, kind: p.kind, county: p.county, revision, figures, submittedBy: by.actor, submittedAt: now, late, afterClose: s.status !== 'open' };
}

/**
 * A report, a correction or a revision by `p`: before the cut-off a first report or a correction, after it a
 * revision of the published picture (accepted until `revisionsUntil`). The figures go to PostgreSQL with the step.
 */
export function report(s: Round, organisationCode: string, figures: unknown, by: Actor, now: string, field = 'decision'): Decision<Round> {
  const p = participantOf(s, organisationCode);
  if (!p) return refuse('not_found', `${organisationCode} does not report in this round`);
  if (by.organisationCode !== organisationCode) return refuse('forbidden', 'an organisation reports only for itself');
  if (s.status === 'ended') return refuse('conflict', 'the round takes no more revisions');
  const problem = figuresProblem(p.kind, figures, field);
  if (problem) return refuse('invalid_input', problem.message, { field: problem.field });
  const before = s.reports[organisationCode];
  const afterClose = s.status !== 'open';
  const late = before ? before.late : Date.parse(now) > Date.parse(s.calendar.dueAt);
  const revision = (before?.revision ?? 0) + 1;
  const next: Round = {
    ...s,
    reports: {
      ...s.reports,
      [organisationCode]: {
        revision,
        firstAt: before?.firstAt ?? now,
        lastAt: now,
        late,
        corrected: (before?.corrected ?? false) || (!!before && !afterClose),
        revisedAfterClose: (before?.revisedAfterClose ?? false) || afterClose,
      },
    },
    ...(afterClose ? { pictureVersion: s.pictureVersion + 1 } : {}),
  };
  const type = afterClose ? 'report_revised' : before ? 'report_corrected' : 'report_submitted';
  const effects: CaseEffect[] = [{ type: 'situation_report.record', report: stored(s, p, figures as ReportFigures, by, now, revision, late) }];
  if (afterClose) effects.push(pictureEffect(next, now));
  return outcome(next, type, by, { organisationCode, revision, ...(late && !before ? { late } : {}) }, effects);
}

/** The picture's publication (computed by the step's activity from the stored reports, in the same transaction). */
function pictureEffect(s: Round, now: string): CaseEffect {
  return { type: 'situation_picture.publish', roundId: s.roundId, version: s.pictureVersion, computedAt: now };
}

/** Items below their threshold that have no shortage raised yet for the organisation this round. */
export function newShortages(s: Round, organisationCode: string, figures: ReportFigures, policy: RoundPolicy, countyBoard: (county: string) => string): ShortageStatus[] {
  const p = participantOf(s, organisationCode);
  if (!p || p.kind !== 'municipality') return [];
  return shortagesIn(figures as MunicipalityFigures, policy)
    .filter((x) => !s.shortages[shortageKey(organisationCode, x.item)])
    .map((x) => ({ organisationCode, item: x.item, daysLeft: x.daysLeft, countyBoard: countyBoard(p.county) }));
}

/** Raises shortages: one per municipality and item per round, to the county board of the municipality's county. */
export function raiseShortages(s: Round, raised: ShortageStatus[]): Decision<Round> {
  const shortages = { ...s.shortages };
  for (const x of raised) shortages[shortageKey(x.organisationCode, x.item)] = x;
  return {
    state: { ...s, shortages },
    events: raised.map((x) => ({ type: 'shortage_raised', by: SYSTEM, detail: { organisationCode: x.organisationCode, item: x.item, countyBoard: x.countyBoard } })),
    effects: raised.map((x) => ({ type: 'situation_shortage.record' as const, roundId: s.roundId, shortage: x })),
  };
}

/** Länsstyrelsen's answer to a shortage: the action taken, which the municipality is told. */
export function answerShortage(s: Round, organisationCode: string, item: string, d: { action: ShortageAction; comment?: string }, by: Actor, now: string): Decision<Round> {
  const key = shortageKey(organisationCode, item);
  const x = s.shortages[key];
  if (!x) return refuse('not_found', `no shortage of ${item} for ${organisationCode}`);
  if (x.action) return refuse('conflict', 'the shortage is already answered');
  if (by.organisationCode !== x.countyBoard) return refuse('forbidden', 'only the county board of the municipality answers');
  const answered: ShortageStatus = { ...x, action: d.action, answeredBy: by.actor, answeredAt: now, ...(d.comment ? { comment: d.comment } : {}) };
  return outcome({ ...s, shortages: { ...s.shortages, [key]: answered } }, 'shortage_answered', by, { organisationCode, item, action: d.action }, [
    { type: 'situation_shortage.record', roundId: s.roundId, shortage: answered },
  ]);
}

/** The cut-off: the round closes with what has arrived, and its picture is published. */
export function closeRound(s: Round, now: string): Decision<Round> {
  if (s.status !== 'open') return refuse('conflict', 'the round is already closed');
  const next: Round = { ...s, status: 'closed', closedAt: now, pictureVersion: 1 };
  const reported = Object.keys(s.reports).length;
  return outcome(next, 'round_closed', SYSTEM, { reported, missing: s.participants.length - reported }, [pictureEffect(next, now)]);
}

/** The end of revisions: the round ends. */
export function endRound(s: Round): Decision<Round> {
  if (s.status === 'ended') return refuse('conflict', 'the round has ended');
  return outcome({ ...s, status: 'ended' }, 'round_ended', SYSTEM);
}

/** Who has not reported (yet). */
export const missing = (s: Round): string[] => s.participants.filter((p) => !s.reports[p.organisationCode]).map((p) => p.organisationCode);

/** What the round's list row shows: no figures, only the round and its counts. */
export function roundSummary(s: Round): Record<string, unknown> {
  const c = s.calendar;
  return {
    week: c.week,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    dueAt: c.dueAt,
    cutoffAt: c.cutoffAt,
    revisionsUntil: c.revisionsUntil,
    expected: s.participants.length,
    reported: Object.keys(s.reports).length,
    pictureVersion: s.pictureVersion,
  };
}
