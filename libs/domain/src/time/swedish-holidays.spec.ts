import { easterSunday, isPublicHoliday, isWeekendOrHoliday, swedishHolidayEves, swedishPublicHolidays } from './swedish-holidays';

const byName = (year: number) => Object.fromEntries(swedishPublicHolidays(year).map((h) => [h.name, h.date]));

describe('Swedish public holidays', () => {
  it('finds Easter Sunday across years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2030)).toBe('2030-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible date
  });

  it('gives the 2027 dates from the domain brief', () => {
    expect(byName(2027)).toMatchObject({
      Långfredagen: '2027-03-26',
      Påskdagen: '2027-03-28',
      'Annandag påsk': '2027-03-29',
      'Kristi himmelsfärdsdag': '2027-05-06',
      Pingstdagen: '2027-05-16',
      Midsommardagen: '2027-06-26',
      'Alla helgons dag': '2027-11-06',
    });
  });

  it('gives the 2030 dates from the domain brief', () => {
    expect(byName(2030)).toMatchObject({
      Påskdagen: '2030-04-21',
      'Kristi himmelsfärdsdag': '2030-05-30',
      Pingstdagen: '2030-06-09',
      Midsommardagen: '2030-06-22',
      'Alla helgons dag': '2030-11-02',
    });
  });

  it('has the fixed holidays and the eves', () => {
    expect(byName(2026)).toMatchObject({
      Nyårsdagen: '2026-01-01',
      'Trettondedag jul': '2026-01-06',
      'Första maj': '2026-05-01',
      'Sveriges nationaldag': '2026-06-06',
      Juldagen: '2026-12-25',
      'Annandag jul': '2026-12-26',
    });
    expect(swedishHolidayEves(2027).map((h) => h.date)).toEqual(['2027-06-25', '2027-12-24', '2027-12-31']);
  });

  it('tells weekdays, Saturdays, Sundays and holidays apart', () => {
    expect(isPublicHoliday('2027-05-06')).toBe(true); // Kristi himmelsfärd, a Thursday
    expect(isPublicHoliday('2027-05-07')).toBe(false); // the Friday after
    expect(isPublicHoliday('2027-05-09')).toBe(true); // a Sunday
    expect(isPublicHoliday('2027-05-08')).toBe(false); // a Saturday is not a public holiday...
    expect(isWeekendOrHoliday('2027-05-08')).toBe(true); // ...but it is "helg"
    expect(isWeekendOrHoliday('2027-06-25')).toBe(false); // midsommarafton is a Friday, not a public holiday
    expect(isWeekendOrHoliday('2027-11-23')).toBe(false); // an ordinary Tuesday
  });
});
