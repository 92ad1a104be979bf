/** Money is integer öre in the API; people read and type kronor (sv-SE). */
const SEK = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });

/** 527000000 → "5 270 000,00 kr". */
export const kronor = (ore: number) => SEK.format(ore / 100);

/**
 * What a person typed in kronor ("3 000", "3000,50", "3 000 kr") as öre, or null when it is not an amount with at
 * most two decimals.
 */
export function parseKronor(text: string): number | null {
  const cleaned = text.replace(/\s|\u00a0|kr/gi, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric' });

/** A calendar date (YYYY-MM-DD) as "2 november 2020" (the date itself, no time-zone shift). */
export const calendarDate = (date: string) => DATE.format(new Date(`${date}T12:00:00Z`));
