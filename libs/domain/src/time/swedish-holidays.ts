/**
 * Swedish public holidays (lag 1989:253 om allmänna helgdagar), by calendar date. Pure and deterministic, so
 * workflows can use it. Dates are plain YYYY-MM-DD strings in the Stockholm calendar.
 */

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The Saturday in [from, from+6] of `year` (midsommardagen, alla helgons dag). */
function saturdayFrom(year: number, month: number, fromDay: number): string {
  const start = iso(year, month, fromDay);
  return addDays(start, (6 - weekday(start) + 7) % 7);
}

export interface Holiday {
  date: string;
  name: string;
}

/** The public holidays of `year`, Sundays aside (every Sunday is one). */
export function swedishPublicHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    { date: iso(year, 1, 1), name: 'Nyårsdagen' },
    { date: iso(year, 1, 6), name: 'Trettondedag jul' },
    { date: addDays(easter, -2), name: 'Långfredagen' },
    { date: easter, name: 'Påskdagen' },
    { date: addDays(easter, 1), name: 'Annandag påsk' },
    { date: iso(year, 5, 1), name: 'Första maj' },
    { date: addDays(easter, 39), name: 'Kristi himmelsfärdsdag' },
    { date: addDays(easter, 49), name: 'Pingstdagen' },
    { date: iso(year, 6, 6), name: 'Sveriges nationaldag' },
    { date: saturdayFrom(year, 6, 20), name: 'Midsommardagen' },
    { date: saturdayFrom(year, 10, 31), name: 'Alla helgons dag' },
    { date: iso(year, 12, 25), name: 'Juldagen' },
    { date: iso(year, 12, 26), name: 'Annandag jul' },
  ].sort((x, y) => (x.date < y.date ? -1 : 1));
}

/** Midsommarafton, julafton and nyårsafton: treated like holidays for statutory deadlines (lag 1930:173). */
export function swedishHolidayEves(year: number): Holiday[] {
  return [
    { date: addDays(saturdayFrom(year, 6, 20), -1), name: 'Midsommarafton' },
    { date: iso(year, 12, 24), name: 'Julafton' },
    { date: iso(year, 12, 31), name: 'Nyårsafton' },
  ];
}

/** A public holiday, Sundays included. */
export function isPublicHoliday(date: string): boolean {
  if (weekday(date) === 0) return true;
  return swedishPublicHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
}

/** "Helg" as the 2020 patient-flow rules use it: Saturday, Sunday or a public holiday. */
export function isWeekendOrHoliday(date: string): boolean {
  return weekday(date) === 6 || isPublicHoliday(date);
}
