import { DomainError, DomainErrorCode } from '../domain-error';
import { isCalendarDate, PLAUSIBLE_YEARS } from '../time/stockholm';
import { stockholmMidnight, stockholmWallClock } from '../time/stockholm-clock';
import { addDays, isWeekendOrHoliday, swedishHolidayEves, weekday } from '../time/swedish-holidays';
import type { RoundCalendar } from './report.types';

/**
 * When a reporting round's tasks open, fall due, get their reminder and close. Pure and deterministic (no clock, no
 * I/O): the round's workflow and the API both call these. Weeks are ISO 8601 weeks ('2026-W43', Monday to Sunday),
 * dates are Stockholm calendar dates (YYYY-MM-DD), times Stockholm wall times, daylight saving included.
 */
export interface CalendarPolicy {
  /** ISO weekday (1 = Monday … 7 = Sunday) of the week AFTER the reported week on which reports fall due. */
  dueWeekday: number;
  /** 'HH:MM', Stockholm wall time of the due, reminder, cut-off and end-of-revisions moments. */
  dueTime: string;
  /** The reminder comes this many Swedish working days before the due day, at `dueTime`. */
  reminderWorkingDays: number;
  /** The round closes this many working days after the due day, at `dueTime`. */
  cutoffWorkingDays: number;
  /** Revisions are accepted for this many calendar days after the cut-off (its date + days, at `dueTime`). */
  revisionDays: number;
}

/** Seed 004: the report for a week came out the following Wednesday; the issue says Wednesday at 12:00. */
export const DEFAULT_CALENDAR_POLICY: CalendarPolicy = {
  dueWeekday: 3,
  dueTime: '12:00',
  reminderWorkingDays: 1,
  cutoffWorkingDays: 1,
  revisionDays: 28,
};

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field} ${message}`, { field });
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  return weekday(date) || 7;
}

/** The number of ISO weeks of `year`: 53 when 28 December (always in the year's last week) is in week 53. */
function weeksInYear(year: number): 52 | 53 {
  const dec28 = `${String(year).padStart(4, '0')}-12-28`;
  return isoWeekOf(dec28).endsWith('W53') ? 53 : 52;
}

/**
 * An ISO 8601 week 'YYYY-Www' that exists: weeks 01 to 52, and 53 only in years that have it (2026 does, 2025 does
 * not). Two-digit week numbers only ('2026-W1' is refused), and the year within PLAUSIBLE_YEARS (1900–2100), as for
 * every date a request carries.
 */
export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_WEEK.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const week = Number(m[2]);
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to && week >= 1 && week <= weeksInYear(year);
}

/** The ISO week containing the Stockholm calendar date `date` (YYYY-MM-DD): '2027-01-01' is in '2026-W53'. */
export function isoWeekOf(date: string): string {
  if (!isCalendarDate(date)) throw invalid('date', 'must be a calendar date (YYYY-MM-DD)');
  // The week belongs to the year of its Thursday; its number counts Thursdays from that year's first.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** The Monday and Sunday (YYYY-MM-DD) of an ISO week. */
export function weekDates(week: string): { monday: string; sunday: string } {
  if (!isIsoWeek(week)) throw invalid('week', 'must be an ISO week that exists (YYYY-Www, e.g. 2026-W43)');
  const [year, number] = [week.slice(0, 4), Number(week.slice(6))];
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const monday = addDays(jan4, 1 - isoWeekday(jan4) + (number - 1) * 7);
  return { monday, sunday: addDays(monday, 6) };
}

/**
 * The week a round started at `instant` reports on: the last full Monday–Sunday week that ended (Monday 00:00
 * Stockholm) at or before `instant`. A schedule firing on Monday at 00:00 Stockholm gives the week that just ended;
 * at Sunday 23:59 that week has not ended, and the week before it is given.
 */
export function reportedWeekAt(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw invalid('instant', 'must be an ISO 8601 instant');
  return isoWeekOf(addDays(stockholmWallClock(new Date(t)).date, -7));
}

/**
 * The instant (ms) of Stockholm wall time `time` ('HH:MM') on the Stockholm date `date`, daylight saving included.
 * The two hours a year that are ambiguous or do not exist are read as Temporal's 'compatible' disambiguation (and
 * java.time) read them: a repeated time (02:30 on the last Sunday of October) is the earlier one, summer time; a
 * skipped time (02:30 on the last Sunday of March) is read with the offset before the change, i.e. 03:30 summer time.
 */
export function stockholmInstant(date: string, time: string): number {
  if (!isCalendarDate(date)) throw invalid('date', 'must be a calendar date (YYYY-MM-DD)');
  const m = WALL_TIME.exec(time);
  if (!m) throw invalid('time', "must be a wall time 'HH:MM'");
  const wall = Date.parse(`${date}T00:00:00Z`) + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  const wallOf = (t: number) => {
    const w = stockholmWallClock(new Date(t));
    return Date.parse(`${w.date}T00:00:00Z`) + w.minuteOfDay * 60_000;
  };
  // Offsets a day either side of the wall time: equal on all but the two change days.
  const before = wallOf(wall - 86_400_000) - (wall - 86_400_000);
  const after = wallOf(wall + 86_400_000) - (wall + 86_400_000);
  const candidates = [wall - before, wall - after].filter((t) => wallOf(t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

/**
 * A Swedish working day: not a Saturday, Sunday or public holiday (isWeekendOrHoliday), nor midsommarafton, julafton
 * or nyårsafton, which DOMAIN.md treats like holidays for deadlines (lag 1930:173).
 */
function isWorkingDay(date: string): boolean {
  return !isWeekendOrHoliday(date) && !swedishHolidayEves(Number(date.slice(0, 4))).some((e) => e.date === date);
}

/** The date `count` working days after (count > 0) or before (count < 0) `date`; `date` itself when count is 0. */
function shiftWorkingDays(date: string, count: number): string {
  const step = Math.sign(count);
  let d = date;
  for (let left = Math.abs(count); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

function checkPolicy(p: CalendarPolicy): void {
  if (!Number.isInteger(p.dueWeekday) || p.dueWeekday < 1 || p.dueWeekday > 7) throw invalid('dueWeekday', 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)');
  if (!WALL_TIME.test(p.dueTime)) throw invalid('dueTime', "must be a wall time 'HH:MM'");
  for (const field of ['reminderWorkingDays', 'cutoffWorkingDays', 'revisionDays'] as const) {
    if (!Number.isInteger(p[field]) || p[field] < 0 || p[field] > 366) throw invalid(field, 'must be a whole number of days from 0 to 366');
  }
}

/**
 * The round's calendar for `week` (ISO instants):
 * - opensAt: Monday 00:00 Stockholm after the week (the week's end);
 * - dueAt: `dueWeekday` of the following week at `dueTime`. Named policy (an assumption: no source says): a due day
 *   that is not a working day (a weekend or Swedish public holiday, isWeekendOrHoliday) moves to the NEXT working
 *   day, same wall time; Wednesday 6 January 2027 (trettondedag jul) moves to Thursday 7 January. The eves
 *   (midsommarafton, julafton, nyårsafton) are not working days: due Wednesday 24 December 2025 moves to Monday 29.
 * - remindAt: `reminderWorkingDays` working days before the due day at `dueTime`, but never before opensAt;
 * - cutoffAt: `cutoffWorkingDays` working days after the due day at `dueTime`;
 * - revisionsUntil: cutoffAt's date + `revisionDays` calendar days, at `dueTime`.
 */
export function roundCalendar(week: string, policy: CalendarPolicy = DEFAULT_CALENDAR_POLICY): RoundCalendar {
  checkPolicy(policy);
  const { monday, sunday } = weekDates(week);
  const opensAt = stockholmMidnight(addDays(sunday, 1));
  // Sunday + 1 is the Monday after the week: ISO weekday 1.
  const nominalDue = addDays(sunday, policy.dueWeekday);
  const dueDate = isWorkingDay(nominalDue) ? nominalDue : shiftWorkingDays(nominalDue, 1);
  const cutoffDate = shiftWorkingDays(dueDate, policy.cutoffWorkingDays);
  const at = (date: string) => stockholmInstant(date, policy.dueTime);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    week,
    periodFrom: monday,
    periodTo: sunday,
    opensAt: iso(opensAt),
    remindAt: iso(Math.max(opensAt, at(shiftWorkingDays(dueDate, -policy.reminderWorkingDays)))),
    dueAt: iso(at(dueDate)),
    cutoffAt: iso(at(cutoffDate)),
    revisionsUntil: iso(at(addDays(cutoffDate, policy.revisionDays))),
  };
}
