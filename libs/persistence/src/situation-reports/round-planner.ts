import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/src/app-config';
import type { SituationRoundInput } from '../../../contracts/src/situation-report.contract';
import { CalendarPolicy, roundCalendar } from '../../../domain/src/situation-reports/calendar';
import { countyBoardOf, countyOfCode } from '../../../domain/src/situation-reports/county';
import { CONSUMABLES, Consumable, Participant, RoundCalendar, RoundPolicy } from '../../../domain/src/situation-reports/report.types';
import { OrganisationRepository } from '../repositories/organisation.repository';

const DAY_MS = 24 * 3_600_000;

/** Times an extra round sets itself (Socialstyrelsen's own deadline), instead of the weekly calendar's. */
export interface RoundTimes {
  opensAt: string;
  remindAt: string;
  dueAt: string;
  cutoffAt: string;
}

/**
 * What a round is started with, for the Schedule's starter (an activity) and for an extra round through the API:
 * the week's calendar by the configured policy, every active municipality and region (or the ones named) with its
 * county, the county boards that answer shortages, and the shortage thresholds. Reads the register; writes nothing.
 */
@Injectable()
export class SituationRoundPlanner {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly config: AppConfig,
  ) {}

  calendarPolicy(): CalendarPolicy {
    const c = this.config;
    return {
      dueWeekday: c.SITUATION_REPORT_DUE_WEEKDAY,
      dueTime: c.SITUATION_REPORT_DUE_TIME,
      reminderWorkingDays: c.SITUATION_REPORT_REMINDER_WORKING_DAYS,
      cutoffWorkingDays: c.SITUATION_REPORT_CUTOFF_WORKING_DAYS,
      revisionDays: c.SITUATION_REPORT_REVISION_DAYS,
    };
  }

  roundPolicy(): RoundPolicy {
    const byItem = new Map(
      this.config.SITUATION_REPORT_SHORTAGE_DAYS_BY_ITEM.split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [Consumable, string]),
    );
    const thresholds = Object.fromEntries(CONSUMABLES.map((item) => [item, byItem.has(item) ? Number(byItem.get(item)) : this.config.SITUATION_REPORT_SHORTAGE_DAYS]));
    return { shortageThresholdDays: thresholds as Record<Consumable, number> };
  }

  /** The reporting organisations: every active municipality and region, or those of `codes` (each must be one). */
  async participants(codes?: string[]): Promise<{ participants: Participant[]; unknown: string[] }> {
    const all = [...(await this.organisations.list('municipality')), ...(await this.organisations.list('region'))].filter((o) => o.active);
    const wanted = codes ? new Set(codes) : null;
    const participants = all
      .filter((o) => !wanted || wanted.has(o.code))
      .map((o) => ({ organisationCode: o.code, name: o.name, kind: o.kind as Participant['kind'], county: countyOfCode(o.code) as string }))
      .filter((p) => p.county !== null);
    const found = new Set(participants.map((p) => p.organisationCode));
    return { participants, unknown: codes ? codes.filter((c) => !found.has(c)) : [] };
  }

  /** The county board of each county with a participant (only boards in the register and active). */
  async countyBoards(participants: Participant[]): Promise<Record<string, string>> {
    const boards = new Map((await this.organisations.list('county_board')).filter((o) => o.active).map((o) => [o.code, o]));
    const out: Record<string, string> = {};
    for (const county of new Set(participants.map((p) => p.county))) {
      const board = countyBoardOf(county);
      if (boards.has(board)) out[county] = board;
    }
    return out;
  }

  /** The calendar of `week`, or of an extra round with its own times (revisions counted from its cut-off). */
  calendar(week: string, times?: RoundTimes): RoundCalendar {
    const weekly = roundCalendar(week, this.calendarPolicy());
    if (!times) return weekly;
    return { ...weekly, ...times, revisionsUntil: new Date(Date.parse(times.cutoffAt) + this.config.SITUATION_REPORT_REVISION_DAYS * DAY_MS).toISOString() };
  }

  async plan(week: string, opts: { participants?: string[]; times?: RoundTimes } = {}): Promise<Omit<SituationRoundInput, 'roundId'> & { unknown: string[] }> {
    const { participants, unknown } = await this.participants(opts.participants);
    return { calendar: this.calendar(week, opts.times), participants, countyBoards: await this.countyBoards(participants), policy: this.roundPolicy(), unknown };
  }
}
