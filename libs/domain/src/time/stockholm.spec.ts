import { isCalendarDate, stockholmDate } from './stockholm';

describe('Stockholm dates', () => {
  it('gives the Swedish calendar date of an instant, not the UTC one', () => {
    expect(stockholmDate('2026-11-23T23:30:00Z')).toBe('2026-11-24'); // 00:30 CET
    expect(stockholmDate('2026-07-01T22:30:00Z')).toBe('2026-07-02'); // 00:30 CEST
    expect(stockholmDate('2026-07-01T21:30:00Z')).toBe('2026-07-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-28')).toBe(false);
    expect(isCalendarDate(20270228)).toBe(false);
  });
});
