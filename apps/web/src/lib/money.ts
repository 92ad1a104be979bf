/** Money is integer öre in the API; people read and type kronor (sv-SE). */
const SEK = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });

/** 527000000 → "5 270 000,00 kr". */
export const kronor = (ore: number) => SEK.format(ore / 100);

/**
 * What a person typed in kronor ("3 000", "3000,50", "3 000 kr") as öre, or null when it is not an amount with at
 * most two decimals or is beyond what a number holds exactly. Read from the digits themselves, never through a
 * floating-point product: 79 131 646 624 018,96 kr is 7 913 164 662 401 896 öre, not one öre less.
 */
export function parseKronor(text: string): number | null {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/\s|\u00a0|\u202f|kr/gi, ''));
  if (!m) return null;
  const ore = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return ore <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ore) : null;
}

/** Öre as kronor to type into a field: 300050 → "3000,50", 300000 → "3000" (the inverse of parseKronor). */
export function oreToKronorInput(ore: number): string {
  const whole = Math.trunc(ore / 100);
  const cents = Math.abs(ore % 100);
  return cents === 0 ? String(whole) : `${whole},${String(cents).padStart(2, '0')}`;
}

const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (YYYY-MM-DD) as "2 november 2020" (the date itself, no time-zone shift). */
export const calendarDate = (date: string) => DATE.format(new Date(`${date}T12:00:00Z`));
