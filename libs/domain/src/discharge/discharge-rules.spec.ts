import { liabilityBasis, liabilityStartDate } from './payment-liability';
import { takeoverBasis, takeoverReceiver } from './takeover-receiver';

describe('who takes over medical responsibility', () => {
  // 2027-05-06 is Kristi himmelsfärdsdag (a Thursday); Stockholm is on summer time (UTC+2).
  it.each([
    ['07:59', 'primary_care'],
    ['08:00', 'asih'],
    ['16:59', 'asih'],
    ['17:00', 'primary_care'],
  ])('on a public holiday at %s: %s', (time, receiver) => {
    expect(takeoverReceiver(`2027-05-06T${time}:00+02:00`, 'helg')).toBe(receiver);
  });

  it.each([
    ['a Saturday', '2027-03-27T10:00:00+01:00', 'asih'],
    ['a Sunday', '2027-11-21T16:59:00+01:00', 'asih'],
    ['Långfredagen', '2027-03-26T12:00:00+01:00', 'asih'],
    ['Midsommardagen', '2027-06-26T09:00:00+02:00', 'asih'],
    ['an ordinary Tuesday', '2027-11-23T10:00:00+01:00', 'primary_care'],
    ['the Friday after Kristi himmelsfärd', '2027-05-07T10:00:00+02:00', 'primary_care'],
    ['a Saturday evening', '2027-03-27T17:30:00+01:00', 'primary_care'],
  ])('on %s', (_what, at, receiver) => {
    expect(takeoverReceiver(at, 'helg')).toBe(receiver);
  });

  it('reads the time in Stockholm, not UTC', () => {
    // 06:30 UTC on a Saturday in winter is 07:30 in Stockholm: before 08:00.
    expect(takeoverReceiver('2027-03-27T06:30:00Z', 'helg')).toBe('primary_care');
    expect(takeoverReceiver('2027-03-27T07:00:00Z', 'helg')).toBe('asih');
  });
});

describe('the weekday eves and the ASIH rule (named policy DISCHARGE_HOLIDAY_EVES)', () => {
  // All three fall on a Friday in 2027, a weekday otherwise; Stockholm time.
  const EVES = [
    ['Midsommarafton', '2027-06-25T10:00:00+02:00'],
    ['Julafton', '2027-12-24T10:00:00+01:00'],
    ['Nyårsafton', '2027-12-31T10:00:00+01:00'],
  ] as const;

  it.each(EVES)('%s 10:00 is a helg by default (`helg`): ASIH takes over, and the basis says why', (eve, at) => {
    expect(takeoverReceiver(at, 'helg')).toBe('asih');
    expect(takeoverBasis(at, 'helg')).toMatchObject({
      receiver: 'asih',
      day: 'holiday_eve',
      eve,
      holidayEves: 'helg',
      rule: `${eve}, a helg by policy DISCHARGE_HOLIDAY_EVES=helg 08:00–17:00: ASIH takes over`,
    });
  });

  it.each(EVES)('%s 10:00 under `weekday`: the vårdcentral takes over, and the basis names the policy', (eve, at) => {
    expect(takeoverReceiver(at, 'weekday')).toBe('primary_care');
    expect(takeoverBasis(at, 'weekday')).toMatchObject({
      receiver: 'primary_care',
      day: 'holiday_eve',
      eve,
      holidayEves: 'weekday',
      rule: `${eve} is a weekday by policy DISCHARGE_HOLIDAY_EVES=weekday: the vårdcentral takes over`,
    });
  });

  it('an eve counts only 08:00–17:00, like any helg', () => {
    expect(takeoverReceiver('2027-12-24T17:00:00+01:00', 'helg')).toBe('primary_care');
    expect(takeoverReceiver('2027-12-24T07:59:00+01:00', 'helg')).toBe('primary_care');
  });

  it('an eve on a Saturday or Sunday is a helg under either policy (julafton 2028 is a Sunday)', () => {
    expect(takeoverBasis('2028-12-24T10:00:00+01:00', 'weekday')).toMatchObject({ receiver: 'asih', day: 'sunday_or_public_holiday' });
  });
});

describe('payment liability', () => {
  const amounts = [
    { year: 2019, amountOre: 780_000 },
    { year: 2020, amountOre: 820_000 },
    { year: 2022, amountOre: 930_000 },
  ];

  describe('national default: three calendar days after the notice', () => {
    it('starts on the third day after the notice, whatever the time of day', () => {
      expect(liabilityStartDate('national', '2020-03-02T09:00:00+01:00', 'somatic')).toBe('2020-03-05');
      expect(liabilityStartDate('national', '2020-03-02T23:30:00+01:00', 'psychiatric')).toBe('2020-03-05');
    });

    it('bills nothing when the patient leaves before it starts', () => {
      expect(liabilityBasis('national', '2020-03-02T09:00:00+01:00', '2020-03-04T15:00:00+01:00', 'somatic', amounts)).toBeNull();
    });

    it('bills each day from the liability day through the discharge day, in öre', () => {
      const basis = liabilityBasis('national', '2020-03-02T09:00:00+01:00', '2020-03-06T11:00:00+01:00', 'somatic', amounts);
      expect(basis).toMatchObject({ liabilityStartDate: '2020-03-05', liableDays: 2, totalOre: 1_640_000 });
    });

    it('uses each year its own daily amount across New Year', () => {
      const basis = liabilityBasis('national', '2019-12-28T10:00:00+01:00', '2020-01-02T10:00:00+01:00', 'somatic', amounts);
      expect(basis?.lines).toEqual([
        { year: 2019, days: 1, dailyAmountOre: 780_000, amountOre: 780_000 },
        { year: 2020, days: 2, dailyAmountOre: 820_000, amountOre: 1_640_000 },
      ]);
      expect(basis?.totalOre).toBe(2_420_000);
    });

    it('refuses to guess a daily amount nobody registered', () => {
      expect(() => liabilityBasis('national', '2021-03-01T10:00:00+01:00', '2021-03-10T10:00:00+01:00', 'somatic', amounts)).toThrow(
        'no daily amount registered for 2021',
      );
    });
  });

  describe("Region Stockholm's 2020 agreement", () => {
    it('counts the notice day as day 0 only before 12:00; somatic care is liable from day 3', () => {
      expect(liabilityStartDate('stockholm-2020', '2020-03-02T11:59:00+01:00', 'somatic')).toBe('2020-03-05');
      expect(liabilityStartDate('stockholm-2020', '2020-03-02T12:00:00+01:00', 'somatic')).toBe('2020-03-06');
    });

    it('makes psychiatric care liable after five calendar days', () => {
      expect(liabilityStartDate('stockholm-2020', '2020-03-02T10:00:00+01:00', 'psychiatric')).toBe('2020-03-07');
      expect(liabilityStartDate('stockholm-2020', '2020-03-02T13:00:00+01:00', 'psychiatric')).toBe('2020-03-08');
    });

    it('reads noon in Stockholm time across daylight saving', () => {
      // 10:30 UTC on 30 March 2020 is 12:30 summer time: after noon.
      expect(liabilityStartDate('stockholm-2020', '2020-03-30T10:30:00Z', 'somatic')).toBe('2020-04-03');
    });

    it('gives the invoice basis for a somatic patient who stayed', () => {
      const basis = liabilityBasis('stockholm-2020', '2022-05-02T14:00:00+02:00', '2022-05-09T10:00:00+02:00', 'somatic', amounts);
      // Notice after noon: day 0 is 3 May, liable from 6 May through 9 May = 4 days at 9,300 kr.
      expect(basis).toMatchObject({ liabilityStartDate: '2022-05-06', liableDays: 4, totalOre: 3_720_000 });
    });
  });
});
