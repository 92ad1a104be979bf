import { stockholmWallClock } from '../time/stockholm-clock';
import { isWeekendOrHoliday } from '../time/swedish-holidays';

export const TAKEOVER_RECEIVERS = ['primary_care', 'asih'] as const;
export type TakeoverReceiver = (typeof TAKEOVER_RECEIVERS)[number];

const ASIH_FROM = 8 * 60; // 08:00
const ASIH_UNTIL = 17 * 60; // 17:00, exclusive

/**
 * Who takes over medical responsibility at discharge (patient-flow rules of 20 March 2020): ASIH when the
 * planned discharge falls on a Saturday, Sunday or public holiday from 08:00 up to 17:00 Stockholm time;
 * otherwise the patient's vårdcentral (home health care).
 */
export function takeoverReceiver(plannedDischargeAt: string | Date): TakeoverReceiver {
  const { date, minuteOfDay } = stockholmWallClock(plannedDischargeAt);
  return isWeekendOrHoliday(date) && minuteOfDay >= ASIH_FROM && minuteOfDay < ASIH_UNTIL ? 'asih' : 'primary_care';
}
