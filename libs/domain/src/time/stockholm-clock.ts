import { LEGAL_TIME_ZONE } from './stockholm';

const parts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: LEGAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Stockholm wall-clock date and minute of the day of an instant (daylight saving included). */
export function stockholmWallClock(instant: string | Date): { date: string; minuteOfDay: number } {
  const p = Object.fromEntries(parts.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minuteOfDay: Number(p.hour) * 60 + Number(p.minute) };
}
