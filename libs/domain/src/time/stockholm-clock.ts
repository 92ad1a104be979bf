import { LEGAL_TIME_ZONE } from './stockholm';

// Made on first use: building an Intl format is costly, and a workflow's modules load again for every case.
let parts: Intl.DateTimeFormat | undefined;

/** The Stockholm wall-clock date and minute of the day of an instant (daylight saving included). */
export function stockholmWallClock(instant: string | Date): { date: string; minuteOfDay: number } {
  parts ??= new Intl.DateTimeFormat('sv-SE', { timeZone: LEGAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(parts.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minuteOfDay: Number(p.hour) * 60 + Number(p.minute) };
}

/** The instant Stockholm's calendar day `date` begins (00:00 local, CET or CEST). */
export function stockholmMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // At 00:00 UTC Stockholm is already at 01:00 (winter) or 02:00 (summer) of the same day.
  return utcMidnight - stockholmWallClock(new Date(utcMidnight)).minuteOfDay * 60_000;
}
