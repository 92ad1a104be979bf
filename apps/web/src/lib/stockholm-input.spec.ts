import { stockholmWallTimeToInstant } from './stockholm-input';

describe('a typed date and time is Stockholm wall time', () => {
  it.each([
    ['winter (CET, +01:00)', '2026-01-15T08:15', '2026-01-15T07:15:00.000Z'],
    ['summer (CEST, +02:00)', '2026-07-01T08:15', '2026-07-01T06:15:00.000Z'],
    ['just before summer time begins', '2026-03-29T01:59', '2026-03-29T00:59:00.000Z'],
    ['just after summer time begins', '2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
    ['the morning summer time began', '2026-03-29T08:00', '2026-03-29T06:00:00.000Z'],
    ['the evening before summer time', '2026-03-28T23:30', '2026-03-28T22:30:00.000Z'],
    ['just before winter time, the first 02:30 (summer time)', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ['just after winter time begins', '2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
    ['the morning winter time began', '2026-10-25T08:00', '2026-10-25T07:00:00.000Z'],
    ['midnight at the new year', '2027-01-01T00:00', '2026-12-31T23:00:00.000Z'],
  ])('%s: %s is %s', (_what, typed, instant) => {
    expect(stockholmWallTimeToInstant(typed)).toBe(instant);
  });

  it('a time the clocks skip (02:00–02:59 on 2026-03-29) is no time', () => {
    expect(stockholmWallTimeToInstant('2026-03-29T02:00')).toBeNull();
    expect(stockholmWallTimeToInstant('2026-03-29T02:59')).toBeNull();
  });

  it.each(['', '2026-02-30T08:00', '2026-01-15T24:00', '2026-01-15 08:15', '2026-01-15T08:15Z', '2026-01-15'])('%j is no time', (typed) => {
    expect(stockholmWallTimeToInstant(typed)).toBeNull();
  });
});
