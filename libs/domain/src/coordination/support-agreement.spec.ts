import {
  DEFAULT_LPIK_BASIS,
  earliestPaymentOn,
  effectiveDate,
  instalments,
  lpikIndexYear,
  lpikKind,
  lpikKnownOn,
  nextYearKr,
  percentToHundredths,
  yearPaidBy,
} from './support-agreement';

describe('HSN–SLSO support agreement', () => {
  describe('effective date: the later of 1 March 2021 and the last of the two decisions', () => {
    it.each([
      ['both before 1 March, HSN first', '2021-01-20', '2021-02-10', '2021-03-01'],
      ['both before 1 March, SLSO first', '2021-02-10', '2021-01-20', '2021-03-01'],
      ['the last one after 1 March (HSN last)', '2021-04-15', '2021-02-01', '2021-04-15'],
      ['the last one after 1 March (SLSO last)', '2021-02-01', '2021-04-15', '2021-04-15'],
      ['both after 1 March', '2021-03-05', '2021-03-02', '2021-03-05'],
      ['on 1 March exactly', '2021-03-01', '2021-03-01', '2021-03-01'],
    ])('%s', (_what, hsn, slso, expected) => {
      expect(effectiveDate(hsn, slso)).toBe(expected);
    });
  });

  describe('compensation: previous × (1 + 0.70 × LPIK), whole kronor, halves up', () => {
    it('raises 3 266 000 kr year by year', () => {
      // LPIK excl. pharmaceuticals (illustrative figures): 2022 2.6 %, 2023 6.4 %, 2024 4.0 %.
      const y2022 = nextYearKr(3_266_000, 260); // 3 266 000 × 1.0182 = 3 325 441.2
      expect(y2022).toBe(3_325_441);
      const y2023 = nextYearKr(y2022, 640); // 3 325 441 × 1.0448 = 3 474 420.7568
      expect(y2023).toBe(3_474_421);
      const y2024 = nextYearKr(y2023, 400); // 3 474 421 × 1.028 = 3 571 704.788
      expect(y2024).toBe(3_571_705);
    });

    it('rounds half a krona up, and less than half down', () => {
      expect(nextYearKr(1_000_000, 5)).toBe(1_000_350); // exactly 1 000 350
      expect(nextYearKr(500, 10)).toBe(500); // 500.35 → 500
      expect(nextYearKr(2_000, 36)).toBe(2_005); // 2 005.04 → 2 005
      expect(nextYearKr(1_000, 715)).toBe(1_050); // 1 050.05 → 1 050
      expect(nextYearKr(10, 715)).toBe(11); // 10.5005 → 11
      expect(nextYearKr(2_000, 25)).toBe(2_004); // 2 003.5 → 2 004 (half up)
    });

    it('lowers the amount when the index falls', () => {
      expect(nextYearKr(3_266_000, -100)).toBe(3_243_138); // × 0.993 = 3 243 138
    });

    it('takes percentages with at most two decimals', () => {
      expect(percentToHundredths(2.6)).toBe(260);
      expect(percentToHundredths(-0.35)).toBe(-35);
      expect(percentToHundredths(2.615)).toBeNull();
      expect(percentToHundredths(80)).toBeNull();
    });

    it('refuses more decimals however small, rather than rounding them away (found by the API fuzz: -6.3e-276 was stored as 0)', () => {
      expect(percentToHundredths(-6.2818030006589824e-276)).toBeNull();
      expect(percentToHundredths(2.6000000001)).toBeNull();
      expect(percentToHundredths(0.0000001)).toBeNull();
      expect(percentToHundredths(1.1)).toBe(110);
      expect(percentToHundredths(0.07)).toBe(7);
      expect(percentToHundredths(-49.99)).toBe(-4999);
      for (let h = -5000; h <= 5000; h++) expect(percentToHundredths(Number((h / 100).toFixed(2)))).toBe(h === 0 ? 0 : h);
    });
  });

  it('splits a year into quarterly instalments in öre without losing any', () => {
    const parts = instalments(2022, 3_325_441, 'quarterly');
    expect(parts.map((p) => p.dueOn)).toEqual(['2022-01-01', '2022-04-01', '2022-07-01', '2022-10-01']);
    expect(parts.reduce((n, p) => n + p.amountOre, 0)).toBe(332_544_100);
    expect(parts.map((p) => p.amountOre)).toEqual([83_136_025, 83_136_025, 83_136_025, 83_136_025]);
    expect(instalments(2021, 3_266_001, 'quarterly').map((p) => p.amountOre)).toEqual([81_650_025, 81_650_025, 81_650_025, 81_650_025]);
    expect(instalments(2021, 3_266_000, 'yearly')).toEqual([{ instalment: 1, dueOn: '2021-01-01', amountOre: 326_600_000 }]);
  });

  /**
   * Which LPIK raises which year (AGREEMENT_LPIK_BASIS). HSN 2020-1821 (seed 001) gives 3 266 000 kr for 2021 and
   * "uppräkning ska årligen ske med 70 procent av LPIK exklusive läkemedel", nothing more; the brief: SKR publishes
   * the outcome each March. The agreement took effect on 1 March 2021 at the earliest.
   */
  describe('which LPIK raises which year, and when the year can be paid', () => {
    it('the default is the outcome for the year being paid', () => {
      expect(DEFAULT_LPIK_BASIS).toBe('outcome-of-year-paid');
      expect(lpikIndexYear(2022)).toBe(2022);
      expect(lpikKind()).toBe('outcome');
    });

    it('outcome-of-year-paid: 2022 is raised by the 2022 outcome, out in March 2023, so 2022 is paid from 1 March 2023', () => {
      expect(lpikIndexYear(2022, 'outcome-of-year-paid')).toBe(2022);
      expect(lpikKnownOn(2022, 'outcome-of-year-paid')).toBe('2023-03-01');
      expect(earliestPaymentOn(2022, '2022-01-01', 'outcome-of-year-paid')).toBe('2023-03-01');
      expect(earliestPaymentOn(2023, '2023-01-01', 'outcome-of-year-paid')).toBe('2024-03-01');
      expect(yearPaidBy(2022, 'outcome-of-year-paid')).toBe(2022);
    });

    it('outcome-of-previous-year: 2022 is raised by the 2021 outcome, out in March 2022, so 2022 is paid from 1 March 2022', () => {
      expect(lpikIndexYear(2022, 'outcome-of-previous-year')).toBe(2021);
      expect(lpikKind('outcome-of-previous-year')).toBe('outcome');
      expect(lpikKnownOn(2022, 'outcome-of-previous-year')).toBe('2022-03-01');
      expect(earliestPaymentOn(2022, '2022-01-01', 'outcome-of-previous-year')).toBe('2022-03-01');
      expect(yearPaidBy(2021, 'outcome-of-previous-year')).toBe(2022);
    });

    it('forecast-of-year-paid: 2022 is raised by the forecast for 2022, known before it begins, so 2022 is paid on 1 January 2022', () => {
      expect(lpikIndexYear(2022, 'forecast-of-year-paid')).toBe(2022);
      expect(lpikKind('forecast-of-year-paid')).toBe('forecast');
      expect(lpikKnownOn(2022, 'forecast-of-year-paid')).toBe('2022-01-01');
      expect(earliestPaymentOn(2022, '2022-01-01', 'forecast-of-year-paid')).toBe('2022-01-01');
    });

    it.each(['outcome-of-year-paid', 'outcome-of-previous-year', 'forecast-of-year-paid'] as const)(
      '%s: 2021, the first year (3 266 000 kr), needs no index and is paid from the effective date 1 March 2021',
      (basis) => {
        expect(earliestPaymentOn(2021, '2021-03-01', basis)).toBe('2021-03-01');
      },
    );

    it('the same index gives a different 2022 amount under each basis: 3 266 000 × (1 + 0.70 × LPIK of the basis)', () => {
      // Illustrative outcomes: LPIK 2021 2.6 %, LPIK 2022 6.4 % (the figures the amount tests above use).
      const lpik: Record<number, number> = { 2021: 260, 2022: 640 };
      expect(nextYearKr(3_266_000, lpik[lpikIndexYear(2022, 'outcome-of-year-paid')])).toBe(3_412_317); // × 1.0448 = 3 412 316.8
      expect(nextYearKr(3_266_000, lpik[lpikIndexYear(2022, 'outcome-of-previous-year')])).toBe(3_325_441); // × 1.0182 = 3 325 441.2
    });
  });
});
