/** Legal dates are Europe/Stockholm dates, whatever the server's time zone. */
export const LEGAL_TIME_ZONE = 'Europe/Stockholm';

// Made on first use: building an Intl format is costly, and a workflow's modules load again for every case.
let dateFormat: Intl.DateTimeFormat | undefined;

/** The Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  dateFormat ??= new Intl.DateTimeFormat('sv-SE', { timeZone: LEGAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  return dateFormat.format(d);
}

/** A real calendar date in the form YYYY-MM-DD (no 2027-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An ISO 8601 instant with an explicit offset (e.g. 2026-11-23T08:15:00+01:00) whose date is a real calendar date
 * and whose time of day and offset are in range: no 2026-02-30T08:00+01:00 (rolled into March by Date.parse), no 24:30.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  return !!m && isCalendarDate(m[1]) && !Number.isNaN(Date.parse(value));
}

/** The years a date in a request may carry: real dates such as 0000-01-01 or 9999-12-31 are still typos. */
export const PLAUSIBLE_YEARS = { from: 1900, to: 2100 } as const;

/** A calendar date (YYYY-MM-DD) or instant whose written year is within PLAUSIBLE_YEARS. */
export function hasPlausibleYear(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
}
