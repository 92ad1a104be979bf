import { DomainError } from '../domain-error';
import { isPublicHoliday, weekday } from '../time/swedish-holidays';
import { DEFAULT_CALENDAR_POLICY, isIsoWeek, isoWeekOf, reportedWeekAt, roundCalendar, stockholmInstant, weekDates } from './calendar';

/**
 * Every expected instant below is worked out by hand: Stockholm is UTC+1 (CET) in winter and UTC+2 (CEST) in summer;
 * summer time runs from the last Sunday of March to the last Sunday of October (29 March–25 October 2026,
 * 29 March–25 October 2020). Default policy: due Wednesday 12:00, reminder 1 working day before, cut-off 1 working
 * day after, revisions 28 days after the cut-off.
 */
describe('roundCalendar', () => {
  it('an ordinary week: 2020-W43 (19–25 October 2020) is due Wednesday 28 October at 12:00 CET', () => {
    // Seed 004: the week's report came out the following Wednesday. 25 October 2020 is also the day summer time
    // ended, so the week ends at Monday 26 October 00:00 CET = 25 October 23:00Z.
    expect(roundCalendar('2020-W43')).toEqual({
      week: '2020-W43',
      periodFrom: '2020-10-19',
      periodTo: '2020-10-25',
      opensAt: '2020-10-25T23:00:00.000Z',
      remindAt: '2020-10-27T11:00:00.000Z', // Tuesday 12:00 CET
      dueAt: '2020-10-28T11:00:00.000Z', // Wednesday 12:00 CET
      cutoffAt: '2020-10-29T11:00:00.000Z', // Thursday 12:00 CET
      revisionsUntil: '2020-11-26T11:00:00.000Z', // 29 October + 28 days, 12:00 CET
    });
    expect(roundCalendar('2020-W43', DEFAULT_CALENDAR_POLICY)).toEqual(roundCalendar('2020-W43'));
  });

  it('a summer week: 2020-W42 (12–18 October 2020) at 12:00 CEST, revisions until 12:00 CET after the change', () => {
    expect(roundCalendar('2020-W42')).toEqual({
      week: '2020-W42',
      periodFrom: '2020-10-12',
      periodTo: '2020-10-18',
      opensAt: '2020-10-18T22:00:00.000Z', // Monday 19 October 00:00 CEST
      remindAt: '2020-10-20T10:00:00.000Z',
      dueAt: '2020-10-21T10:00:00.000Z',
      cutoffAt: '2020-10-22T10:00:00.000Z',
      revisionsUntil: '2020-11-19T11:00:00.000Z', // 22 October + 28 = 19 November, winter time by then
    });
  });

  it('the change to summer time: 2026-W13 ends on the Sunday the clocks go forward; due Wednesday 1 April 12:00 CEST', () => {
    expect(roundCalendar('2026-W13')).toEqual({
      week: '2026-W13',
      periodFrom: '2026-03-23',
      periodTo: '2026-03-29',
      opensAt: '2026-03-29T22:00:00.000Z', // Monday 30 March 00:00 CEST (the week was 167 hours long)
      remindAt: '2026-03-31T10:00:00.000Z',
      dueAt: '2026-04-01T10:00:00.000Z',
      cutoffAt: '2026-04-02T10:00:00.000Z',
      revisionsUntil: '2026-04-30T10:00:00.000Z',
    });
  });

  it('a week before the change: due at 12:00 CET, revisions until 12:00 CEST', () => {
    const c = roundCalendar('2026-W12'); // 16–22 March 2026
    expect(c.opensAt).toBe('2026-03-22T23:00:00.000Z');
    expect(c.dueAt).toBe('2026-03-25T11:00:00.000Z');
    expect(c.cutoffAt).toBe('2026-03-26T11:00:00.000Z');
    expect(c.revisionsUntil).toBe('2026-04-23T10:00:00.000Z'); // 26 March + 28 days = 23 April, summer time
  });

  it('a due Wednesday that is a public holiday moves to the next working day: 2026-W53, trettondedag jul 2027', () => {
    expect(weekday('2027-01-06')).toBe(3); // a Wednesday
    expect(isPublicHoliday('2027-01-06')).toBe(true);
    expect(roundCalendar('2026-W53')).toEqual({
      week: '2026-W53',
      periodFrom: '2026-12-28',
      periodTo: '2027-01-03',
      opensAt: '2027-01-03T23:00:00.000Z', // Monday 4 January 2027 00:00 CET
      remindAt: '2027-01-05T11:00:00.000Z', // one working day before Thursday 7 January: Tuesday 5 (6 is the holiday)
      dueAt: '2027-01-07T11:00:00.000Z', // Thursday 7 January 12:00 CET
      cutoffAt: '2027-01-08T11:00:00.000Z', // Friday 8 January
      revisionsUntil: '2027-02-05T11:00:00.000Z',
    });
  });

  it('Första maj on a Wednesday (2024): due Thursday 2 May 12:00 CEST', () => {
    expect(weekday('2024-05-01')).toBe(3);
    const c = roundCalendar('2024-W17'); // 22–28 April 2024
    expect(c.remindAt).toBe('2024-04-30T10:00:00.000Z'); // Tuesday 30 April
    expect(c.dueAt).toBe('2024-05-02T10:00:00.000Z');
    expect(c.cutoffAt).toBe('2024-05-03T10:00:00.000Z'); // Friday 3 May
  });

  it('a Tuesday reminder on a holiday goes back to Monday: 2026-W01, trettondedag jul 2026 is a Tuesday', () => {
    expect(weekday('2026-01-06')).toBe(2);
    expect(roundCalendar('2026-W01')).toEqual({
      week: '2026-W01',
      periodFrom: '2025-12-29',
      periodTo: '2026-01-04',
      opensAt: '2026-01-04T23:00:00.000Z',
      remindAt: '2026-01-05T11:00:00.000Z', // Monday 5 January 12:00 CET
      dueAt: '2026-01-07T11:00:00.000Z',
      cutoffAt: '2026-01-08T11:00:00.000Z',
      revisionsUntil: '2026-02-05T11:00:00.000Z',
    });
  });

  it('never reminds before the round opens: two working days before Wednesday 7 January 2026 is Friday 2 January', () => {
    const c = roundCalendar('2026-W01', { ...DEFAULT_CALENDAR_POLICY, reminderWorkingDays: 2 });
    expect(c.remindAt).toBe(c.opensAt);
    expect(c.remindAt).toBe('2026-01-04T23:00:00.000Z');
  });

  it('counts the cut-off in working days: two after Thursday 2 April 2026 skip Easter (3–6 April) to Tuesday 7 April', () => {
    const c = roundCalendar('2026-W13', { ...DEFAULT_CALENDAR_POLICY, cutoffWorkingDays: 2 });
    expect(c.cutoffAt).toBe('2026-04-07T10:00:00.000Z');
    expect(c.revisionsUntil).toBe('2026-05-05T10:00:00.000Z');
  });

  it('the eves count as holidays (DOMAIN.md, lag 1930:173): due on julafton, Wednesday 24 December 2025, moves to Monday 29', () => {
    const c = roundCalendar('2025-W51'); // 15–21 December 2025
    expect(c.dueAt).toBe('2025-12-29T11:00:00.000Z'); // 24 (eve), 25, 26 (holidays), 27, 28 (weekend) skipped
    expect(c.remindAt).toBe('2025-12-23T11:00:00.000Z'); // the working day before Monday 29: Tuesday 23
    expect(c.cutoffAt).toBe('2025-12-30T11:00:00.000Z');
  });

  it('follows another policy: due Monday 09:30 with the reminder on the due day itself', () => {
    const c = roundCalendar('2026-W47', { dueWeekday: 1, dueTime: '09:30', reminderWorkingDays: 0, cutoffWorkingDays: 0, revisionDays: 0 });
    expect(c.dueAt).toBe('2026-11-23T08:30:00.000Z'); // Monday 23 November 09:30 CET
    expect(c.remindAt).toBe(c.dueAt);
    expect(c.cutoffAt).toBe(c.dueAt);
    expect(c.revisionsUntil).toBe(c.dueAt);
  });

  it('refuses a week that does not exist and a broken policy, naming the field', () => {
    expect(() => roundCalendar('2025-W53')).toThrow(DomainError);
    expect(() => roundCalendar('2025-W53')).toThrow(expect.objectContaining({ details: { field: 'week' } }));
    expect(() => roundCalendar('2026-W43', { ...DEFAULT_CALENDAR_POLICY, dueWeekday: 0 })).toThrow(expect.objectContaining({ details: { field: 'dueWeekday' } }));
    expect(() => roundCalendar('2026-W43', { ...DEFAULT_CALENDAR_POLICY, dueTime: '24:00' })).toThrow(expect.objectContaining({ details: { field: 'dueTime' } }));
    expect(() => roundCalendar('2026-W43', { ...DEFAULT_CALENDAR_POLICY, cutoffWorkingDays: 1.5 })).toThrow(expect.objectContaining({ details: { field: 'cutoffWorkingDays' } }));
    expect(() => roundCalendar('2026-W43', { ...DEFAULT_CALENDAR_POLICY, reminderWorkingDays: -1 })).toThrow(expect.objectContaining({ details: { field: 'reminderWorkingDays' } }));
  });
});

describe('ISO weeks', () => {
  it('knows which years have a week 53', () => {
    expect(isIsoWeek('2026-W53')).toBe(true); // 1 January 2026 is a Thursday
    expect(isIsoWeek('2020-W53')).toBe(true); // a leap year starting on a Wednesday
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2027-W53')).toBe(false);
    expect(isIsoWeek('2025-W52')).toBe(true);
    expect(isIsoWeek('2026-W01')).toBe(true);
  });

  it('refuses malformed weeks and garbage', () => {
    for (const bad of ['2026-W00', '2026-W1', '2026-W54', '2026W43', '2026-w43', ' 2026-W43', '2026-W43 ', '2026-W43\n', '26-W43', '1899-W10', '2101-W01', '2026-W４３', '']) {
      expect([bad, isIsoWeek(bad)]).toEqual([bad, false]);
    }
    for (const bad of [202643, null, undefined, {}, ['2026-W43']]) expect(isIsoWeek(bad)).toBe(false);
  });

  it('finds the week of a date across the year boundary', () => {
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2020-10-21')).toBe('2020-W43');
    expect(() => isoWeekOf('2027-02-30')).toThrow(expect.objectContaining({ details: { field: 'date' } }));
  });

  it('gives a week its Monday and Sunday', () => {
    expect(weekDates('2026-W53')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(weekDates('2026-W01')).toEqual({ monday: '2025-12-29', sunday: '2026-01-04' });
    expect(weekDates('2020-W43')).toEqual({ monday: '2020-10-19', sunday: '2020-10-25' });
    expect(() => weekDates('2026-W1')).toThrow(expect.objectContaining({ details: { field: 'week' } }));
  });

  it('tiles the calendar: every week of 2019–2031 runs Monday to Sunday, right after the one before', () => {
    let previousSunday = '2018-12-30';
    for (let year = 2019; year <= 2031; year++) {
      for (let w = 1; w <= 53; w++) {
        const week = `${year}-W${String(w).padStart(2, '0')}`;
        if (!isIsoWeek(week)) continue;
        const { monday, sunday } = weekDates(week);
        expect([week, monday]).toEqual([week, new Date(Date.parse(`${previousSunday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)]);
        expect(weekday(monday)).toBe(1);
        expect(isoWeekOf(monday)).toBe(week);
        expect(isoWeekOf(sunday)).toBe(week);
        previousSunday = sunday;
      }
    }
    expect(previousSunday).toBe('2031-12-28');
  });
});

describe('reportedWeekAt', () => {
  it('at Monday 00:00 Stockholm exactly gives the week that just ended; at Sunday 23:59 the one before', () => {
    expect(reportedWeekAt('2026-03-30T00:00:00+02:00')).toBe('2026-W13');
    expect(reportedWeekAt('2026-03-29T22:00:00.000Z')).toBe('2026-W13');
    expect(reportedWeekAt('2026-03-29T23:59:00+02:00')).toBe('2026-W12');
    expect(reportedWeekAt('2026-03-29T21:59:59.999Z')).toBe('2026-W12');
    // Winter time: Monday 26 October 2020 00:00 CET is 25 October 23:00Z.
    expect(reportedWeekAt('2020-10-25T23:00:00Z')).toBe('2020-W43');
    expect(reportedWeekAt('2020-10-25T22:59:00Z')).toBe('2020-W42');
  });

  it('crosses the year boundary, and a round started at its week end opens then', () => {
    expect(reportedWeekAt('2027-01-04T00:00:00+01:00')).toBe('2026-W53');
    expect(reportedWeekAt('2027-01-06T12:00:00+01:00')).toBe('2026-W53');
    expect(roundCalendar(reportedWeekAt('2027-01-03T23:00:00Z')).opensAt).toBe('2027-01-03T23:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => reportedWeekAt('next monday')).toThrow(expect.objectContaining({ details: { field: 'instant' } }));
  });
});

describe('stockholmInstant', () => {
  it('converts a wall time in winter and in summer', () => {
    expect(new Date(stockholmInstant('2026-01-07', '12:00')).toISOString()).toBe('2026-01-07T11:00:00.000Z');
    expect(new Date(stockholmInstant('2026-07-01', '00:00')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(stockholmInstant('2026-03-29', '12:00')).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(new Date(stockholmInstant('2026-10-25', '12:00')).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('reads the skipped and the repeated hour as Temporal’s "compatible" disambiguation does', () => {
    // 29 March 2026 02:30 does not exist (01:59 CET → 03:00 CEST): read with the winter offset, 03:30 CEST.
    expect(new Date(stockholmInstant('2026-03-29', '02:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026 02:30 happens twice: the first, summer time.
    expect(new Date(stockholmInstant('2026-10-25', '02:30')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(stockholmInstant('2026-10-25', '03:00')).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('refuses a broken date or time', () => {
    expect(() => stockholmInstant('2026-02-30', '12:00')).toThrow(expect.objectContaining({ details: { field: 'date' } }));
    expect(() => stockholmInstant('2026-02-03', '12:60')).toThrow(expect.objectContaining({ details: { field: 'time' } }));
    expect(() => stockholmInstant('2026-02-03', '9:00')).toThrow(expect.objectContaining({ details: { field: 'time' } }));
  });
});
