import { sipCallDueAt } from './sip-deadline';

/** The SIP call "within 3 days of the utskrivningsklar notice" (SFS 2019:979), counted in Stockholm. */
describe('sipCallDueAt', () => {
  const calendar = { policy: 'calendar_days' as const, days: 3, rollingMs: 72 * 3_600_000 };
  const rolling = { ...calendar, policy: 'rolling' as const };

  it('calendar days (the default), across the spring change: a notice on 27 March 2026 at 10:00 is due at the end of 30 March', () => {
    // Summer time starts on Sunday 29 March 2026: the end of 30 March is 00:00 CEST on 31 March, 22:00 UTC.
    expect(sipCallDueAt('2026-03-27T10:00:00+01:00', calendar)).toBe('2026-03-30T22:00:00.000Z');
    // The time of day of the notice does not matter: 23:59 on 27 March is due at the same moment.
    expect(sipCallDueAt('2026-03-27T23:59:00+01:00', calendar)).toBe('2026-03-30T22:00:00.000Z');
  });

  it('calendar days across the autumn change: a notice on Friday 23 October 2026 at 10:00 is due at the end of 26 October', () => {
    // Winter time starts on Sunday 25 October 2026: the end of 26 October is 00:00 CET on 27 October, 23:00 UTC.
    expect(sipCallDueAt('2026-10-23T10:00:00+02:00', calendar)).toBe('2026-10-26T23:00:00.000Z');
  });

  it('reads the notice day in Stockholm: 23:30 UTC on 26 March 2026 is already 27 March', () => {
    expect(sipCallDueAt('2026-03-26T23:30:00Z', calendar)).toBe('2026-03-30T22:00:00.000Z');
  });

  it('rolling 72 hours (the named policy `rolling`) stays available: an hour of wall clock moves with the change', () => {
    // 27 March 2026 10:00 CET + 72 h = 30 March 11:00 CEST (the clocks went forward in between).
    expect(sipCallDueAt('2026-03-27T10:00:00+01:00', rolling)).toBe('2026-03-30T09:00:00.000Z');
    // 23 October 2026 10:00 CEST + 72 h = 26 October 09:00 CET (the clocks went back in between).
    expect(sipCallDueAt('2026-10-23T10:00:00+02:00', rolling)).toBe('2026-10-26T08:00:00.000Z');
  });
});
