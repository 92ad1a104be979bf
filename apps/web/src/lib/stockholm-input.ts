import { stockholmWallClock } from '../../../../libs/domain/src/time/stockholm-clock';

/** What a datetime-local field says when its value is no Stockholm time (the night summer time begins). */
export const NO_STOCKHOLM_TIME = 'Den tiden finns inte i svensk tid (klockan ställs fram en timme den natten).';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * What a person types in a `datetime-local` field ("2026-03-29T08:15") read as Europe/Stockholm wall time, whatever
 * the computer's own time zone, as the ISO instant the API takes. null for a time Stockholm's clocks skip (02:00–02:59
 * on the last Sunday of March) or a value that is no such time. A time the clocks pass twice (02:00–02:59 on the last
 * Sunday of October) is the first of the two (summer time, +02:00).
 */
export function stockholmWallTimeToInstant(value: string): string | null {
  const m = WALL_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asUtc).toISOString().slice(0, 16) !== value) return null; // 2026-02-30, 25:00
  // Stockholm is one or two hours ahead of UTC: try summer time first (the earlier instant), then winter time.
  for (const offsetHours of [2, 1]) {
    const instant = asUtc - offsetHours * 3_600_000;
    const wall = stockholmWallClock(new Date(instant));
    if (wall.date === value.slice(0, 10) && wall.minuteOfDay === hour * 60 + minute) return new Date(instant).toISOString();
  }
  return null;
}
