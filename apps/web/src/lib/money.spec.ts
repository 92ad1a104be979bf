import { calendarDate, kronor, oreToKronorInput, parseKronor } from './money';

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
    ['0,29', 29],
    ['1 234,5', 123_450],
    // Where Math.round(Number(text) * 100) is one öre out: the digits are read as digits.
    ['79 131 646 624 018,96', 7_913_164_662_401_896],
    ['39804017100369.95', 3_980_401_710_036_995],
    ['90 071 992 547 409,91', Number.MAX_SAFE_INTEGER],
  ])('reads %s as %i öre', (text, ore) => expect(parseKronor(text)).toBe(ore));

  it.each(['', 'tre', '3,005', '-5', '1e5', '3,', ',5', '1 2,3,4', '90 071 992 547 409,92'])('refuses %s', (text) => expect(parseKronor(text)).toBeNull());

  it.each([
    [300_050, '3000,50'],
    [300_000, '3000'],
    [5, '0,05'],
    [7_913_164_662_401_896, '79131646624018,96'],
  ])('writes %i öre as %s to type, which reads back the same', (ore, text) => {
    expect(oreToKronorInput(ore)).toBe(text);
    expect(parseKronor(text)).toBe(ore);
  });

  it('shows a calendar date as it is', () => expect(calendarDate('2020-11-02')).toBe('2 november 2020'));
});
