/**
 * Situation reports (lägesbilder): one workflow per weekly reporting round, started by a Temporal Schedule (or by
 * Socialstyrelsen for an extra round). Report tasks to every municipality and region, reminders and escalation,
 * the cut-off and a published picture, shortages to the county boards, revisions after the cut-off.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/src/case/case';
import type { Participant, ReportSubmission, Round, RoundCalendar, RoundPolicy } from '../../domain/src/situation-reports/report.types';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export { ROUND_STATUSES } from '../../domain/src/situation-reports/report.types';

export const SITUATION_ROUND_CASE_TYPE = 'situation_report_round';
export const SITUATION_ROUND_WORKFLOW_TYPE = 'situationReportRound';
/** The Schedule's workflow: works out the week that just ended and starts its round (once). */
export const SITUATION_ROUND_STARTER_WORKFLOW_TYPE = 'startSituationReportRound';
export const situationRoundWorkflowId = (roundId: string) => `situation-report-round-${roundId}`;
/** One schedule per task queue (test files share a namespace, each on its own queue). */
export const situationRoundScheduleId = (taskQueue: string) => `situation-report-rounds:${taskQueue}`;

export interface SituationRoundInput {
  roundId: string;
  calendar: RoundCalendar;
  participants: Participant[];
  /** The county board that answers a shortage in each county (two-digit county code → organisation code). */
  countyBoards: Record<string, string>;
  policy: RoundPolicy;
  /** Who started an extra round (absent: the Schedule), and the request whose audit row the opening writes. */
  openedBy?: Actor;
  requestId?: string;
  carried?: CaseCarry<Round>;
}

/** What the Schedule passes: nothing but the policy the starter reads from its activity. */
export interface SituationRoundStarterInput {
  /** The instant the round is for (default: the schedule's firing time, the workflow's start). */
  at?: string;
}

export type SituationRoundState = Round & CaseRuntimeView;

export const SITUATION_TASK_KINDS = {
  report: 'situation_report.report',
  reminder: 'situation_report.reminder',
  escalation: 'situation_report.escalation',
  shortage: 'situation_report.shortage',
  shortageAnswered: 'situation_report.shortage_answered',
  picturePublished: 'situation_report.picture_published',
} as const;

type Audited<C> = C & { requestId?: string };
type Answer = CommandResult<SituationRoundState>;

/** A correction (before the cut-off) or a revision (after it) of an organisation's report. */
export const reviseReportUpdate = defineUpdate<Answer, [Audited<ReportSubmission>]>('reviseSituationReport');
export const roundOpenedUpdate = defineUpdate<Answer>('situationRoundOpened');
export const roundStateQuery = defineQuery<SituationRoundState>('situationRoundState');

/** What the starter's activity prepares for a week: everything of the round's input but its id. */
export interface SituationRoundActivities {
  prepareSituationRound(q: { week: string }): Promise<Omit<SituationRoundInput, 'roundId'>>;
}
