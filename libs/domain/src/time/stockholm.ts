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
