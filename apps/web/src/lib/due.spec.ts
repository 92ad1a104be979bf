import { describeDue, stockholmTime } from './due';

// Fixed instants: nothing here depends on today's date or the hour.
const now = new Date('2026-03-10T09:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('describeDue', () => {
  it('says how long is left before the due time', () => {
    expect(describeDue(at(3 * H + 20 * MIN), now)).toEqual({ text: 'om 3 timmar', overdue: false });
    expect(describeDue(at(25 * MIN), now)).toEqual({ text: 'om 25 minuter', overdue: false });
    expect(describeDue(at(20 * 1000), now)).toEqual({ text: 'om 1 minut', overdue: false });
    expect(describeDue(at(2 * D + 5 * H), now)).toEqual({ text: 'om 2 dagar', overdue: false });
  });

  it('says how late an overdue task is, in whole units', () => {
    expect(describeDue(at(-2 * D - 3 * H), now)).toEqual({ text: 'försenad 2 dagar', overdue: true });
    expect(describeDue(at(-47 * H), now)).toEqual({ text: 'försenad 1 dag', overdue: true });
    expect(describeDue(at(-1 * H), now)).toEqual({ text: 'försenad 1 timme', overdue: true });
    expect(describeDue(at(-5 * MIN), now)).toEqual({ text: 'försenad 5 minuter', overdue: true });
  });

  it('counts a task at its due instant as overdue', () => {
    expect(describeDue(now, now).overdue).toBe(true);
  });
});

describe('stockholmTime', () => {
  it('shows the instant in Stockholm time, summer and winter', () => {
    expect(stockholmTime(new Date('2026-03-10T09:00:00Z'))).toBe('2026-03-10 10:00');
    expect(stockholmTime(new Date('2026-07-01T09:00:00Z'))).toBe('2026-07-01 11:00');
  });
});
