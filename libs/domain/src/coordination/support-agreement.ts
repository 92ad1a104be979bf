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
 * Which LPIK (excluding pharmaceuticals) raises which compensation year. HSN 2020-1821 says only "uppräkning ska
 * årligen ske med 70 procent av LPIK exklusive läkemedel": neither the index year nor outcome or forecast is given,
 * so this is a named policy (setting AGREEMENT_LPIK_BASIS):
 *
 * - `outcome-of-year-paid` (default): the outcome for the year being paid. SKR publishes a year's outcome in March
 *   of the following year, so a year's compensation can be paid from March of the next year at the earliest.
 * - `outcome-of-previous-year`: the outcome for the year before, published in March of the year being paid.
 * - `forecast-of-year-paid`: SKR's forecast for the year being paid, known before the year begins.
 */
export const LPIK_BASES = ['outcome-of-year-paid', 'outcome-of-previous-year', 'forecast-of-year-paid'] as const;
export type LpikBasis = (typeof LPIK_BASES)[number];
export const DEFAULT_LPIK_BASIS: LpikBasis = 'outcome-of-year-paid';

/**
 * When SKR's LPIK outcome for a year is out: March of the following year (the brief: "outcome each March"). The
 * day is not given; our assumption is its first day, so HSF's registration task is due a month after it.
 */
export const LPIK_OUTCOME_PUBLISHED_MONTH_DAY = '03-01';

/** The year whose index raises `yearPaid` (the year it is registered under in `PUT /indices/lpik/:year`). */
export function lpikIndexYear(yearPaid: number, basis: LpikBasis = DEFAULT_LPIK_BASIS): number {
  return basis === 'outcome-of-previous-year' ? yearPaid - 1 : yearPaid;
}

/** Whether the basis uses SKR's outcome or its forecast. */
export const lpikKind = (basis: LpikBasis = DEFAULT_LPIK_BASIS): 'outcome' | 'forecast' => (basis === 'forecast-of-year-paid' ? 'forecast' : 'outcome');

/**
 * The first day the index that raises `yearPaid` exists: an outcome from March of the year after its index year, a
 * forecast from 1 January of the year it forecasts (it is published before the year begins).
 */
export function lpikKnownOn(yearPaid: number, basis: LpikBasis = DEFAULT_LPIK_BASIS): string {
  return lpikIndexKnownOn(lpikIndexYear(yearPaid, basis), lpikKind(basis));
}

/** The first day SKR's index for `indexYear` of `kind` exists (see `lpikKnownOn`). */
export function lpikIndexKnownOn(indexYear: number, kind: 'outcome' | 'forecast'): string {
  return kind === 'forecast' ? `${indexYear}-01-01` : `${indexYear + 1}-${LPIK_OUTCOME_PUBLISHED_MONTH_DAY}`;
}

/** The year an index of `indexYear` raises under `basis` (the inverse of `lpikIndexYear`). */
export const yearPaidBy = (indexYear: number, basis: LpikBasis = DEFAULT_LPIK_BASIS): number => (basis === 'outcome-of-previous-year' ? indexYear + 1 : indexYear);

/**
 * The earliest day `yearPaid`'s compensation can be paid: its start (1 January, or the effective date in the first
 * year) or, for a year after the first, the day its index is known, whichever is later. Instalments that fell due
 * before that are paid when the index is registered.
 */
export function earliestPaymentOn(yearPaid: number, yearStartsOn: string, basis: LpikBasis = DEFAULT_LPIK_BASIS): string {
  if (yearPaid <= AGREEMENT_FIRST_YEAR) return yearStartsOn;
  return [yearStartsOn, lpikKnownOn(yearPaid, basis)].sort()[1];
}

/** The bounds of a registered LPIK, in hundredths of a percent (±50 %): a plausibility check, our assumption. */
export const LPIK_BOUNDS_HUNDREDTHS = { min: -5000, max: 5000 } as const;
/** The years an LPIK can be registered for: from the agreement's first year (an assumption for the upper bound). */
export const LPIK_YEARS = { from: AGREEMENT_FIRST_YEAR, to: 2100 } as const;

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
  return h / 100 === percent && h >= LPIK_BOUNDS_HUNDREDTHS.min && h <= LPIK_BOUNDS_HUNDREDTHS.max ? h + 0 : null;
}

export interface Instalment {
  instalment: number;
  dueOn: string;
  amountOre: number;
}

/**
 * The days instalments fall due (the agreement names none; our assumption): a yearly one on 1 January, quarterly
 * ones on the first day of each quarter. Never before the agreement takes effect (see `instalmentsOf`).
 */
export const INSTALMENT_DAYS = { yearly: ['01-01'], quarterly: ['01-01', '04-01', '07-01', '10-01'] } as const;

/** A year's amount as instalments in öre: one, or four quarters with any öre left over on the last. */
export function instalments(year: number, kr: number, plan: 'yearly' | 'quarterly'): Instalment[] {
  const totalOre = kr * 100;
  if (plan === 'yearly') return [{ instalment: 1, dueOn: `${year}-${INSTALMENT_DAYS.yearly[0]}`, amountOre: totalOre }];
  const quarter = Math.floor(totalOre / 4);
  return INSTALMENT_DAYS.quarterly.map((day, i) => ({
    instalment: i + 1,
    dueOn: `${year}-${day}`,
    amountOre: i === 3 ? totalOre - 3 * quarter : quarter,
  }));
}

/**
 * The notice period's default, in days (setting AGREEMENT_NOTICE_PERIOD_DAYS): the agreement's text is not in the
 * sources, so the period is our assumption.
 */
export const DEFAULT_NOTICE_PERIOD_DAYS = 180;

/** The agreement ends at the end of the notice period counted from the notice. */
export function agreementEndsOn(noticeGivenOn: string, noticePeriodDays: number): string {
  return addDays(noticeGivenOn, noticePeriodDays);
}
