import { addDays } from '../time/swedish-holidays';

/**
 * The HSN–SLSO support agreement (HSN 2020-1821): when it takes effect and what SLSO receives each year.
 */

/** It takes effect on 1 March 2021, or when both HSN and SLSO have decided on it if that is later. */
export const AGREEMENT_EARLIEST_START = '2021-03-01';
export const AGREEMENT_FIRST_YEAR = 2021;
/** 3 266 000 kr for 2021. */
export const AGREEMENT_FIRST_YEAR_KR = 3_266_000;

export function effectiveDate(hsnDecidedOn: string, slsoDecidedOn: string): string {
  return [AGREEMENT_EARLIEST_START, hsnDecidedOn, slsoDecidedOn].sort()[2];
}

/**
 * Next year's compensation: previous × (1 + 0.70 × LPIK excluding pharmaceuticals for that year), rounded to
 * the nearest whole krona, halves up. LPIK is given in hundredths of a percent (2.6 % = 260), so the
 * arithmetic is exact integers: kr × (100 000 + 7 × hundredths) / 100 000.
 */
export function nextYearKr(previousKr: number, lpikHundredths: number): number {
  const numerator = BigInt(previousKr) * BigInt(100_000 + 7 * lpikHundredths);
  return Number((numerator * 2n + 100_000n) / 200_000n); // floor(x + ½) for a positive x
}

/** Percent with at most two decimals (e.g. 2.6, -0.35) → hundredths of a percent; null otherwise. */
export function percentToHundredths(percent: number): number | null {
  const h = Math.round(percent * 100);
  // Exact: a number with at most two decimals parses to the double nearest h/100, which is what h / 100 gives.
  // A tolerance would round away what it cannot see (a percent of -6e-276 became 0).
  return h / 100 === percent && Math.abs(h) <= 5000 ? h + 0 : null;
}

export interface Instalment {
  instalment: number;
  dueOn: string;
  amountOre: number;
}

/** A year's amount as instalments in öre: one, or four quarters with any öre left over on the last. */
export function instalments(year: number, kr: number, plan: 'yearly' | 'quarterly'): Instalment[] {
  const totalOre = kr * 100;
  if (plan === 'yearly') return [{ instalment: 1, dueOn: `${year}-01-01`, amountOre: totalOre }];
  const quarter = Math.floor(totalOre / 4);
  return [1, 2, 3, 4].map((q) => ({
    instalment: q,
    dueOn: `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`,
    amountOre: q === 4 ? totalOre - 3 * quarter : quarter,
  }));
}

/** The agreement ends at the end of the notice period counted from the notice. */
export function agreementEndsOn(noticeGivenOn: string, noticePeriodDays: number): string {
  return addDays(noticeGivenOn, noticePeriodDays);
}
