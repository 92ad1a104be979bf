/**
 * How a task's due time reads in the inbox: "om 3 timmar" before it (Intl.RelativeTimeFormat, sv-SE), "försenad
 * 2 dagar" after it. Under an hour counts in minutes, under a day in hours, then in whole days; a part unit is
 * dropped, so a task 47 hours late is "försenad 1 dag".
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'minute' | 'hour' | 'day';

const relative = new Intl.RelativeTimeFormat('sv-SE', { numeric: 'always', style: 'long' });
const plural = new Intl.PluralRules('sv-SE');
const number = new Intl.NumberFormat('sv-SE');
const WORDS: Record<Unit, { one: string; other: string }> = {
  minute: { one: 'minut', other: 'minuter' },
  hour: { one: 'timme', other: 'timmar' },
  day: { one: 'dag', other: 'dagar' },
};

function split(ms: number): { value: number; unit: Unit } {
  if (ms < HOUR) return { value: Math.max(1, Math.floor(ms / MINUTE)), unit: 'minute' };
  if (ms < DAY) return { value: Math.floor(ms / HOUR), unit: 'hour' };
  return { value: Math.floor(ms / DAY), unit: 'day' };
}

export interface Due {
  text: string;
  overdue: boolean;
}

export function describeDue(dueAt: Date, now: Date): Due {
  const left = dueAt.getTime() - now.getTime();
  if (left > 0) {
    const { value, unit } = split(left);
    return { text: relative.format(value, unit), overdue: false };
  }
  const { value, unit } = split(-left);
  const word = WORDS[unit][plural.select(value) === 'one' ? 'one' : 'other'];
  return { text: `försenad ${number.format(value)} ${word}`, overdue: true };
}

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The exact instant, in Stockholm time, e.g. "2026-11-30 14:05". */
export const stockholmTime = (instant: Date) => stockholm.format(instant);
