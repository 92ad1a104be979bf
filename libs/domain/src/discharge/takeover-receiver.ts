import { stockholmWallClock } from '../time/stockholm-clock';
import { isPublicHoliday, swedishHolidayEves, weekday } from '../time/swedish-holidays';

export const TAKEOVER_RECEIVERS = ['primary_care', 'asih'] as const;
export type TakeoverReceiver = (typeof TAKEOVER_RECEIVERS)[number];

/**
 * Whether midsommarafton, julafton and nyårsafton count as "helger" for the ASIH rule (DISCHARGE_HOLIDAY_EVES).
 * The 2020 patient-flow rules say "helger" without naming the eves: a named policy, our assumption. `helg` (the
 * default): they count, since those days are staffed like holidays. `weekday`: only Saturdays, Sundays and public
 * holidays count, as before issue 11.
 */
export const HOLIDAY_EVE_POLICIES = ['helg', 'weekday'] as const;
export type HolidayEvePolicy = (typeof HOLIDAY_EVE_POLICIES)[number];
export const DEFAULT_HOLIDAY_EVE_POLICY: HolidayEvePolicy = 'helg';

const ASIH_FROM = 8 * 60; // 08:00
const ASIH_UNTIL = 17 * 60; // 17:00, exclusive

/** What decided who takes over: shown on the case's timeline with the utskrivningsklar notice. */
export interface TakeoverBasis {
  receiver: TakeoverReceiver;
  /** The planned discharge's Stockholm date and what kind of day it is. */
  date: string;
  day: 'saturday' | 'sunday_or_public_holiday' | 'holiday_eve' | 'weekday';
  /** Midsommarafton, Julafton or Nyårsafton, when the day is one. */
  eve?: string;
  /** 08:00 up to 17:00 Stockholm time. */
  withinAsihHours: boolean;
  /** The policy on the weekday eves that applied (it decides only when the day is an eve). */
  holidayEves: HolidayEvePolicy;
  /** The rule that decided, in words. */
  rule: string;
}

/**
 * Who takes over medical responsibility at discharge (patient-flow rules of 20 March 2020), and why: ASIH when
 * the planned discharge falls on a "helg" (a Saturday, Sunday or public holiday, and a weekday eve when
 * `holidayEves` is `helg`) from 08:00 up to 17:00 Stockholm time; otherwise the patient's vårdcentral.
 */
export function takeoverBasis(plannedDischargeAt: string | Date, holidayEves: HolidayEvePolicy): TakeoverBasis {
  const { date, minuteOfDay } = stockholmWallClock(plannedDischargeAt);
  const eve = swedishHolidayEves(Number(date.slice(0, 4))).find((h) => h.date === date)?.name;
  const day: TakeoverBasis['day'] = weekday(date) === 6 ? 'saturday' : isPublicHoliday(date) ? 'sunday_or_public_holiday' : eve ? 'holiday_eve' : 'weekday';
  const helg = day === 'saturday' || day === 'sunday_or_public_holiday' || (day === 'holiday_eve' && holidayEves === 'helg');
  const withinAsihHours = minuteOfDay >= ASIH_FROM && minuteOfDay < ASIH_UNTIL;
  const receiver: TakeoverReceiver = helg && withinAsihHours ? 'asih' : 'primary_care';
  const dayWords = day === 'holiday_eve' ? `${eve}, a helg by policy DISCHARGE_HOLIDAY_EVES=${holidayEves}` : day.replace(/_/g, ' ');
  const rule =
    day === 'holiday_eve' && holidayEves === 'weekday'
      ? `${eve} is a weekday by policy DISCHARGE_HOLIDAY_EVES=weekday: the vårdcentral takes over`
      : !helg
        ? 'a weekday: the vårdcentral takes over'
        : withinAsihHours
          ? `${dayWords} 08:00–17:00: ASIH takes over`
          : `${dayWords} outside 08:00–17:00: the vårdcentral takes over`;
  return { receiver, date, day, ...(eve ? { eve } : {}), withinAsihHours, holidayEves, rule };
}

/** Who takes over medical responsibility (see takeoverBasis). */
export function takeoverReceiver(plannedDischargeAt: string | Date, holidayEves: HolidayEvePolicy): TakeoverReceiver {
  return takeoverBasis(plannedDischargeAt, holidayEves).receiver;
}
