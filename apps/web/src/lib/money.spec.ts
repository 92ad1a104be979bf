import { calendarDate, kronor, parseKronor } from './money';

describe('money in kronor', () => {
  it('formats öre as Swedish kronor', () => {
    expect(kronor(527_000_000).replace(/\u00a0|\u202f/g, ' ')).toBe('5 270 000,00 kr');
    expect(kronor(95).replace(/\u00a0|\u202f/g, ' ')).toBe('0,95 kr');
  });

  it.each([
    ['3 000', 300_000],
    ['3000,50', 300_050],
    ['3\u00a0000 kr', 300_000],
    ['0', 0],
  ])('reads %s as %i öre', (text, ore) => expect(parseKronor(text)).toBe(ore));

  it.each(['', 'tre', '3,005', '-5', '1e5'])('refuses %s', (text) => expect(parseKronor(text)).toBeNull());

  it('shows a calendar date as it is', () => expect(calendarDate('2020-11-02')).toBe('2 november 2020'));
});
