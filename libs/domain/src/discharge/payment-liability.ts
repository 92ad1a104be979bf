import { stockholmDate } from '../time/stockholm';
import { stockholmWallClock } from '../time/stockholm-clock';
import { addDays, daysBetween } from '../time/swedish-holidays';

/**
 * When the municipality becomes liable to pay for a patient who stays in hospital after being declared ready
 * for discharge (betalningsansvar), by policy chosen in configuration:
 *
 * - `national` (Lag 2017:612, no regional agreement): from the third calendar day after the day of the
 *   utskrivningsklar notice.
 * - `stockholm-2020` (Region Stockholm's agreement as written in its routine): day 0 is the day of the notice if
 *   it went out before 12:00, otherwise the next day; somatic care is liable once days 0, 1 and 2 have passed
 *   (from day 3), psychiatric care after 5 calendar days (from day 5). The agreement's averaging model is not
 *   confirmed and is not applied.
 *
 * Liable days are counted from the liability day through the day of discharge, inclusive by default: a patient
 * still in hospital on that day is billed for it. No source says whether the day of discharge is billed: a named
 * policy (DISCHARGE_LIABILITY_BILLS_DISCHARGE_DAY, default yes), our assumption. All dates are Stockholm calendar
 * dates. `noticeAt` is when the utskrivningsklar notice went out to the municipality (DOMAIN.md: every deadline
 * after the notice counts from then, not from the doctor's judgement recorded in it).
 */
export const LIABILITY_POLICIES = ['national', 'stockholm-2020'] as const;
export type LiabilityPolicy = (typeof LIABILITY_POLICIES)[number];

export function liabilityStartDate(policy: LiabilityPolicy, noticeAt: string, careType: 'somatic' | 'psychiatric'): string {
  const noticeDate = stockholmDate(noticeAt);
  if (policy === 'national') return addDays(noticeDate, 3);
  const beforeNoon = stockholmWallClock(noticeAt).minuteOfDay < 12 * 60;
  const dayZero = beforeNoon ? noticeDate : addDays(noticeDate, 1);
  return addDays(dayZero, careType === 'somatic' ? 3 : 5);
}

export interface DailyAmount {
  year: number;
  /** Per liable day, in öre. */
  amountOre: number;
}

/** Whether the day of discharge is a liable day when the patient leaves on or after the liability day. */
export const DEFAULT_BILLS_DISCHARGE_DAY = true;

export interface LiabilityBasis {
  policy: LiabilityPolicy;
  noticeAt: string;
  dischargedAt: string;
  liabilityStartDate: string;
  dischargeDate: string;
  liableDays: number;
  /** One line per calendar year touched, with that year's daily amount. */
  lines: { year: number; days: number; dailyAmountOre: number; amountOre: number }[];
  totalOre: number;
}

/** The last liable day of a stay that ends on `dischargeDate`: that day itself, or the day before. */
export function lastLiableDate(dischargeDate: string, billsDischargeDay = DEFAULT_BILLS_DISCHARGE_DAY): string {
  return billsDischargeDay ? dischargeDate : addDays(dischargeDate, -1);
}

/** The years whose daily amounts a basis needs (liable days may cross New Year). */
export function liableYears(startDate: string, dischargeDate: string): number[] {
  if (dischargeDate < startDate) return [];
  const years: number[] = [];
  for (let y = Number(startDate.slice(0, 4)); y <= Number(dischargeDate.slice(0, 4)); y++) years.push(y);
  return years;
}

/** The invoice basis; null when the patient left before liability began. Money is integer öre. */
export function liabilityBasis(
  policy: LiabilityPolicy,
  noticeAt: string,
  dischargedAt: string,
  careType: 'somatic' | 'psychiatric',
  dailyAmounts: DailyAmount[],
  billsDischargeDay = DEFAULT_BILLS_DISCHARGE_DAY,
): LiabilityBasis | null {
  const start = liabilityStartDate(policy, noticeAt, careType);
  const dischargeDate = stockholmDate(dischargedAt);
  const lastDay = lastLiableDate(dischargeDate, billsDischargeDay);
  if (lastDay < start) return null;
  const lines = liableYears(start, lastDay).map((year) => {
    const from = start > `${year}-01-01` ? start : `${year}-01-01`;
    const to = lastDay < `${year}-12-31` ? lastDay : `${year}-12-31`;
    const days = daysBetween(from, to) + 1;
    const amount = dailyAmounts.find((a) => a.year === year);
    if (!amount) throw new RangeError(`no daily amount registered for ${year}`);
    return { year, days, dailyAmountOre: amount.amountOre, amountOre: days * amount.amountOre };
  });
  return {
    policy,
    noticeAt,
    dischargedAt,
    liabilityStartDate: start,
    dischargeDate,
    liableDays: lines.reduce((n, l) => n + l.days, 0),
    lines,
    totalOre: lines.reduce((n, l) => n + l.amountOre, 0),
  };
}
