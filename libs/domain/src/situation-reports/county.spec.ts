import { DomainError } from '../domain-error';
import { COUNTIES, COUNTY_CODES, countyBoardName, countyBoardOf, countyOfMunicipality, isCountyCode, regionOfCounty } from './county';

describe('counties, regions and county boards', () => {
  it('lists the 21 official county codes (SCB länskoder), in order and without the codes retired in 1997-98', () => {
    expect(COUNTY_CODES).toEqual(['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25']);
    expect(new Set(COUNTIES.map((c) => c.region)).size).toBe(21);
    expect(COUNTIES.find((c) => c.code === '14')?.region).toBe('Västra Götalandsregionen');
    expect(COUNTIES.find((c) => c.code === '23')?.region).toBe('Region Jämtland Härjedalen');
  });

  it("gives a county's board (the project's LST- code) and its region (the county code itself)", () => {
    expect(countyBoardOf('01')).toBe('LST-01');
    expect(countyBoardOf('25')).toBe('LST-25');
    expect(regionOfCounty('01')).toBe('01');
    expect(regionOfCounty('12')).toBe('12');
    expect(countyBoardName('01')).toBe('Länsstyrelsen i Stockholms län');
    expect(countyBoardName('04')).toBe('Länsstyrelsen i Södermanlands län');
    expect(countyBoardName('23')).toBe('Länsstyrelsen i Jämtlands län');
  });

  it.each(['02', '11', '15', '16', '26', '1', '001', 'LST-01', '', ' 01'])('refuses %j as a county, naming the field', (county) => {
    expect(isCountyCode(county)).toBe(false);
    for (const f of [countyBoardOf, regionOfCounty, countyBoardName]) {
      expect(() => f(county)).toThrow(DomainError);
      try {
        f(county);
      } catch (e) {
        expect(e).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'county' } });
      }
    }
  });

  it("finds a municipality's county from its four-digit code, a Stockholm district's from its municipality", () => {
    expect(countyOfMunicipality('0114')).toBe('01');
    expect(countyOfMunicipality('0180-JARVA')).toBe('01');
    expect(countyOfMunicipality('1480')).toBe('14');
    expect(countyOfMunicipality('2584')).toBe('25');
    for (const code of ['1180', '01', '011', '01145', 'SLSO', 'LST-01', '0180JARVA']) {
      expect(() => countyOfMunicipality(code)).toThrow(DomainError);
    }
  });
});
