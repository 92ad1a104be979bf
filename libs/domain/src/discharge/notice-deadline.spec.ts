import { noticeTimeliness } from './notice-deadline';

describe('inskrivningsmeddelande deadline', () => {
  const admitted = '2026-03-28T10:00:00+01:00';

  it('is on time up to the deadline, to the minute', () => {
    expect(noticeTimeliness(admitted, '2026-03-29T10:00:00+01:00', 24)).toEqual({ late: false, delayMinutes: 0 });
  });

  it('counts elapsed hours across the change to summer time (29 March 2026)', () => {
    // 24 elapsed hours after 10:00 CET on 28 March is 11:00 CEST on 29 March.
    expect(noticeTimeliness(admitted, '2026-03-29T11:00:00+02:00', 24)).toEqual({ late: false, delayMinutes: 0 });
    expect(noticeTimeliness(admitted, '2026-03-29T11:30:00+02:00', 24)).toEqual({ late: true, delayMinutes: 30 });
  });

  it('reports the delay past a configured deadline, rounded up to whole minutes', () => {
    expect(noticeTimeliness(admitted, '2026-03-28T22:00:30+01:00', 12)).toEqual({ late: true, delayMinutes: 1 });
  });

  it('refuses times it cannot read', () => {
    expect(() => noticeTimeliness('yesterday', admitted, 24)).toThrow(RangeError);
  });
});
