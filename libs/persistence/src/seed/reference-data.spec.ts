/**
 * The seeded areas answer for a date (DOMAIN.md, "Kommun / stadsdel"): 25 municipalities other than Stockholm plus
 * Stockholm city's districts, 13 to 2023-06-30 and 11 from 2023-07-01 (Rinkeby-Kista + Spånga-Tensta → Järva;
 * Östermalm + Norrmalm → Norra innerstaden). The same rule (inForceOn) serves GET /coordination/areas?date=.
 *
 * What the seed says against its sources (seeds 000 and 001, Swedish originals in ../shared/seeds/), and that every
 * value no source gives is marked as example data, in the seed and in README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGREEMENT_EARLIEST_START } from '../../../domain/src/coordination/support-agreement';
import { COORDINATION_AREAS, MANDATES, ORGANISATIONS, SEED_EXAMPLE_DATA, SIGNING_DELEGATIONS } from './reference-data';
import { inForceOn, successionOf } from '../../../domain/src/coordination/area-validity';
import { COUNTY_CODES } from '../../../domain/src/situation-reports/county';

const LAST_DAY_OF_13_DISTRICTS = '2023-06-30';
const FIRST_DAY_OF_11_DISTRICTS = '2023-07-01';
const districts = (date: string) => inForceOn(COORDINATION_AREAS, date).filter((a) => a.code.startsWith('0180-'));

describe('seeded coordination areas by date', () => {
  it('on 2023-06-30: 38 areas, 25 municipalities and 13 districts', () => {
    expect(inForceOn(COORDINATION_AREAS, LAST_DAY_OF_13_DISTRICTS)).toHaveLength(38);
    expect(districts(LAST_DAY_OF_13_DISTRICTS)).toHaveLength(13);
    expect(districts(LAST_DAY_OF_13_DISTRICTS).map((a) => a.code)).toEqual(expect.arrayContaining(['0180-RINKEBY-KISTA', '0180-SPANGA-TENSTA', '0180-NORRMALM', '0180-OSTERMALM']));
  });

  it('on 2023-07-01: 36 areas, 25 municipalities and 11 districts, Järva and Norra innerstaden among them', () => {
    expect(inForceOn(COORDINATION_AREAS, FIRST_DAY_OF_11_DISTRICTS)).toHaveLength(36);
    const codes = districts(FIRST_DAY_OF_11_DISTRICTS).map((a) => a.code);
    expect(codes).toHaveLength(11);
    expect(codes).toEqual(expect.arrayContaining(['0180-JARVA', '0180-NORRA-INNERSTADEN']));
    expect(codes).not.toEqual(expect.arrayContaining(['0180-RINKEBY-KISTA']));
  });

  it('keeps the history: 40 areas in all, the four old districts dated to 2023-06-30 and naming their successor', () => {
    expect(COORDINATION_AREAS).toHaveLength(40);
    expect(COORDINATION_AREAS.filter((a) => a.validTo !== null)).toEqual([
      { code: '0180-RINKEBY-KISTA', name: 'Rinkeby-Kista stadsdelsförvaltning', validFrom: null, validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-JARVA' },
      { code: '0180-SPANGA-TENSTA', name: 'Spånga-Tensta stadsdelsförvaltning', validFrom: null, validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-JARVA' },
      { code: '0180-NORRMALM', name: 'Norrmalm stadsdelsförvaltning', validFrom: null, validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-NORRA-INNERSTADEN' },
      { code: '0180-OSTERMALM', name: 'Östermalm stadsdelsförvaltning', validFrom: null, validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-NORRA-INNERSTADEN' },
    ]);
    expect(COORDINATION_AREAS.filter((a) => a.validFrom !== null).map((a) => [a.code, a.validFrom])).toEqual([
      ['0180-JARVA', FIRST_DAY_OF_11_DISTRICTS],
      ['0180-NORRA-INNERSTADEN', FIRST_DAY_OF_11_DISTRICTS],
    ]);
  });

  it('the district organisations are dated as their areas', () => {
    for (const a of COORDINATION_AREAS) {
      const o = ORGANISATIONS.find((x) => x.code === a.code);
      expect({ code: o?.code, validFrom: o?.validFrom, validTo: o?.validTo }).toEqual({ code: a.code, validFrom: a.validFrom, validTo: a.validTo });
    }
  });

  it('each new district succeeds its two old ones without a gap (the seeded dates pass the succession rule)', () => {
    const held = COORDINATION_AREAS.map((a) => ({ areaCode: a.code, validTo: a.validTo, successorCode: a.successorCode, vardcentralCode: 'VC-X' }));
    for (const code of ['0180-JARVA', '0180-NORRA-INNERSTADEN']) {
      expect(successionOf({ areaCode: code, validFrom: FIRST_DAY_OF_11_DISTRICTS }, held)).toMatchObject({ kind: 'carry_over', from: FIRST_DAY_OF_11_DISTRICTS });
    }
  });
});

describe('seeded parties of the situation reports (issue 14)', () => {
  const ofKind = (kind: string) => ORGANISATIONS.filter((o) => o.kind === kind);

  it('the 21 regions, coded by their county code (SCB länskod)', () => {
    expect(ofKind('region').map((o) => o.code)).toEqual([...COUNTY_CODES]);
    expect(ofKind('region').map((o) => [o.code, o.name])).toEqual(
      expect.arrayContaining([['01', 'Region Stockholm'], ['04', 'Region Sörmland'], ['14', 'Västra Götalandsregionen'], ['23', 'Region Jämtland Härjedalen'], ['25', 'Region Norrbotten']]),
    );
  });

  it("the 21 county administrative boards, by the project's own LST- codes and their real names", () => {
    expect(ofKind('county_board').map((o) => o.code)).toEqual(COUNTY_CODES.map((c) => `LST-${c}`));
    expect(ofKind('county_board').map((o) => o.name)).toEqual([
      'Länsstyrelsen i Stockholms län', 'Länsstyrelsen i Uppsala län', 'Länsstyrelsen i Södermanlands län',
      'Länsstyrelsen i Östergötlands län', 'Länsstyrelsen i Jönköpings län', 'Länsstyrelsen i Kronobergs län',
      'Länsstyrelsen i Kalmar län', 'Länsstyrelsen i Gotlands län', 'Länsstyrelsen i Blekinge län',
      'Länsstyrelsen i Skåne län', 'Länsstyrelsen i Hallands län', 'Länsstyrelsen i Västra Götalands län',
      'Länsstyrelsen i Värmlands län', 'Länsstyrelsen i Örebro län', 'Länsstyrelsen i Västmanlands län',
      'Länsstyrelsen i Dalarnas län', 'Länsstyrelsen i Gävleborgs län', 'Länsstyrelsen i Västernorrlands län',
      'Länsstyrelsen i Jämtlands län', 'Länsstyrelsen i Västerbottens län', 'Länsstyrelsen i Norrbottens län',
    ]);
  });

  it('SKR and Socialstyrelsen; no code twice, none a coordination area', () => {
    expect(ofKind('association')).toEqual([{ code: 'SKR', kind: 'association', name: 'Sveriges Kommuner och Regioner', validFrom: null, validTo: null }]);
    expect(ofKind('national_agency').map((o) => o.code)).toEqual(['SOCIALSTYRELSEN']);
    expect(new Set(ORGANISATIONS.map((o) => o.code)).size).toBe(ORGANISATIONS.length);
    expect(COORDINATION_AREAS.filter((a) => /^(\d{2}|LST-\d{2}|SKR)$/.test(a.code))).toEqual([]);
  });
});

const README = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const EXAMPLE_SECTION = README.slice(README.indexOf('### Example data in the seed'));

describe('reference data seed against its sources', () => {
  it('the signing delegation goes from the director of health care to the head of the närsjukvårdsavdelningen (seed 001, HSN 2020-1821 point 3)', () => {
    expect(SIGNING_DELEGATIONS).toHaveLength(1);
    const [d] = SIGNING_DELEGATIONS;
    expect(d.holder).toBe('Avdelningschef, närsjukvårdsavdelningen (delegerat av hälso- och sjukvårdsdirektören)');
    expect(d.scope).toBe('HSN 2020-1821');
    // No delegation before the tjänsteutlåtande of 2021-01-28 that proposes the director's mandate to delegate.
    expect(d.validFrom >= '2021-01-28').toBe(true);
    expect(d.registeredBy).toBe('seed (exempeldata)');
  });

  it('HDIR 20348 (seed 000): decided 2020-11-02, valid to 31 January 2021, HSF reimburses SLSO', () => {
    expect(MANDATES.find((m) => m.reference === 'HDIR 20348')).toMatchObject({ decidedOn: '2020-11-02', validFrom: '2020-11-02', validTo: '2021-01-31', payerOrg: 'HSF', payeeOrg: 'SLSO' });
  });

  it('HSN 2020-1821 (seed 001): valid from 1 March 2021, the earliest day it takes effect', () => {
    expect(MANDATES.find((m) => m.reference === 'HSN 2020-1821')).toMatchObject({ validFrom: AGREEMENT_EARLIEST_START, payeeOrg: 'SLSO' });
  });

  it('marks what no source gives as example data: the delegation reference and start, the agreement mandate decision and end dates', () => {
    expect(SEED_EXAMPLE_DATA.find((e) => e.table === 'signing_delegations')).toMatchObject({ key: 'HSN-DEL-2021-01', fields: ['reference', 'validFrom'] });
    expect(SEED_EXAMPLE_DATA.find((e) => e.table === 'mandates')).toMatchObject({ key: 'HSN 2020-1821', fields: ['decidedOn', 'validTo'] });
  });

  it.each(SEED_EXAMPLE_DATA.map((e) => [e.table, e]))('README.md lists the example data of %s', (_table, e) => {
    expect(EXAMPLE_SECTION).toContain(`\`${e.table}\``);
    for (const key of e.key.split(', ')) expect(EXAMPLE_SECTION).toContain(key);
    for (const field of e.fields) expect(EXAMPLE_SECTION).toContain(`\`${field}\``);
  });
});
